# RUN: magicc check %s 2>&1 | count 0
# string into secret, enum into string, optional left out, params by bare name.
param mode: "0644" | "0600" = "0600"
param tries: int = 3
param wait: duration = 10s
param pkgs: list[string] = ["nginx", "redis"]
param flag: bool = false
param note: string? = "n"
resource file conf { path: "/etc/conf", content: "plain", mode: mode }
resource exec run_once { cmd: "true", refresh_only: flag }
item deploy { run: "deploy", retries: tries, retry_delay: wait, timeout: 1m, meta: { owner: "ops" } }
resource exec opt { cmd: "x", creates: note }
pipeline p() {
  stage s { on: web, foreach: pkgs, retries: tries, timeout: wait, run: "apt-get install ${each}" }
}
