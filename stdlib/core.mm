# The built-in kinds, visible to every program. The runtime implements them;
# these declarations give their fields and types to the checker.

kind file {
  in path: string
  in content: secret = ""
  in source: string?              # content: a file's bytes, relative to the program
  in template: string?            # content: a file with ${...}, rendered per host
  in mode: string = "0644"
  in state: "present" | "absent" = "present"
  out checksum: string            # sha256 of the content
}

kind exec {
  in cmd: string
  in creates: string?             # skip when this path exists
  in refresh_only: bool = false   # run only when refreshed
  out stdout: string
  out exit_code: int
}

kind password {
  in length: int = 32
  out value: secret               # generated once, kept in the state store
}

kind pkg {
  in name: string
  in state: "installed" | "removed" = "installed"
}

kind svc {
  in name: string
  in state: "running" | "stopped" = "running"   # a refresh restarts it
}

kind noop {}
