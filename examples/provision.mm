# RUN: magicc check %s 2>&1 | count 0
# Provisioning a server: items filtered by the target's requirements (make-magic),
# run on each selected host. magicc plan provision.mm -i inventory.yaml --hosts 'hardware.vm'

item allocate_ip { run: "ipam allocate ${host.name}" }
item reboot_debian { if: os.debian, depends: allocate_ip, run: "systemctl reboot" }
item reboot_rhel { if: os.rhel5, depends: allocate_ip, run: "shutdown -r now" }
item do_something {
  if: (os.debian | os.rhel5) & hardware.vm & !support_level.basic
  depends: [reboot_debian, reboot_rhel]
  run: "configure-monitoring --level full"
  retries: 2, retry_delay: 5s, timeout: 2m
}
item install_backup_agent { if: backup & !hardware.vm, run: "apt-get install -y backup-agent" }
