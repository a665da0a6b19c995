item broken { run: "sh -c 'echo disk full >&2; exit 4'" }
item after_broken { depends: broken, run: "touch @DIR@/must-not-exist" }
item independent { depends: wait, run: "true" }
item wait { run: "sleep 0.2" }
