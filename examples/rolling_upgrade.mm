# RUN: magicc check %s 2>&1 | count 0
# RUN: magicc plan %s rolling_upgrade -i %S/tutorial_hosts.yaml -D version=1.4.2 | FileCheck %s --check-prefix=PLAN
# PLAN: stage stage_release
# PLAN: stage switch
# RUN: rm -rf %t && magicc run %s rolling_upgrade -i %S/tutorial_hosts.yaml -D version=1.4.2 -D root=%t \
# RUN:   --state %t/state.db | FileCheck %s --check-prefix=OUT
# OUT: done switch [hosts=4 ok=4 failed=0 time={{[0-9.]+}}s batch=2]
# OUT: done verify [hosts=4 ok=4 failed=0
# OUT-NEXT:   1.4.2: 4 hosts
# The tutorial's rolling upgrade (docs/tutorial.md): stage a release on every
# web server, switch them over two at a time, then check what each one runs.

param root: string = "/tmp/magicc-tutorial"

pipeline rolling_upgrade(version: string matches "^[0-9]+(\\.[0-9]+)*$") {
  requires: ["ln", "mkdir", "cat"]
  stage stage_release {
    on: web
    concurrency: 10
    run: "sh -c 'mkdir -p \"$1/releases/$2\" && echo \"$2\" > \"$1/releases/$2/VERSION\"' _ ${root}/${host.name} ${version}"
  }
  stage switch {
    on: web
    batch: 2  # two servers at a time; the next two once they are done
    retries: 1, retry_delay: 2s
    run: "ln -sfn ${root}/${host.name}/releases/${version} ${root}/${host.name}/current"
  }
  stage verify {
    on: web
    run: "cat ${root}/${host.name}/current/VERSION"
    summarize: true  # identical outputs grouped: "1.4.2: 4 hosts"
  }
}
