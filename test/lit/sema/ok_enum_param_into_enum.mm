# RUN: magicc check %s 2>&1 | count 0
# An enum param whose values are a subset of the field's enum.
param want: "running" | "stopped" = "running"
param narrow: "stopped" = "stopped"
resource svc nginx { name: "nginx", state: want }
resource svc redis { name: "redis", state: narrow }
