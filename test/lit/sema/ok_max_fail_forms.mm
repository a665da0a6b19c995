# RUN: magicc check %s 2>&1 | count 0
pipeline p() {
  stage a { on: web, run: "x", max_fail: 0 }
  stage b { on: web, run: "x", max_fail: "25%" }
  stage c { on: web, run: "x", max_fail: "100%" }
  stage d { on: web, run: "x", max_fail: "0%", batch: 1, concurrency: 1, per_host: 1, retries: 0 }
}
