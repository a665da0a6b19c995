# RUN: magicc check %s 2>&1 | count 0
# mistify-agent: actions are pipelines of stages; each stage calls a sub-agent
# service through the host's agent (JSON-RPC), in order; all must succeed.

pipeline guest_create(guest: string matches "^[a-z0-9-]+$", memory_mb: int = 1024) {
  stage create_disk { on: hypervisor, call: "storage.CreateVolume", args: { name: "${guest}-disk", size_mb: 10240 } }
  stage define { on: hypervisor, call: "libvirt.Define", args: { name: "${guest}", memory_mb: memory_mb } }
  stage start { on: hypervisor, call: "libvirt.Start", args: { name: "${guest}" } }
}

pipeline guest_reboot(guest: string) {
  stage reboot { on: hypervisor, call: "libvirt.Reboot", args: { name: "${guest}" }, timeout: 2m }
}
