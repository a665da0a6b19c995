# RUN: not magicc check %s 2>&1 | FileCheck %s
# A one-letter name is not a typo of another one-letter name.
item a {}
item b { depends: c }
# CHECK: error: unknown item or resource 'c'{{$}}
