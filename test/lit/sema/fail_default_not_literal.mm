# RUN: not magicc check %s 2>&1 | FileCheck %s
# RUN: magicc check %s > /dev/null 2>&1; test $? -eq 1
# A param's default is a literal: no param refers to another (no order, no cycle).
param region: string = "eu"
param zone: string = region
# CHECK: fail_default_not_literal.mm:[[@LINE-1]]:22: error: the default of param 'zone' must be a literal value, not 'region'
param bucket: string = "logs-${region}"
# CHECK: fail_default_not_literal.mm:[[@LINE-1]]:30: error: the default of param 'bucket' must be a literal value, not '${region}'
# CHECK-NEXT: param bucket: string = "logs-${region}"
# CHECK-NEXT: {{^                             \^~~~~~~~~$}}
# CHECK-NEXT: 2 errors generated.
