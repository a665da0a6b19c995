# The lit suite: every .mm file under examples/ and test/lit/ is a test.
import os
import lit.formats

config.name = "magicc"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".mm", ".test"]
config.test_source_root = config.magicc_src_root
config.test_exec_root = os.path.join(config.magicc_obj_root, "test")
config.excludes = ["build", "bench", "stdlib", "editors", "docs", ".git", "Inputs", "fuzz"]

# magicc, FileCheck and not on PATH; nothing else from the caller's PATH matters.
# `python3` in a RUN line is the interpreter running lit: a version manager's
# shim first on PATH costs half a second per start.
import sys
path = os.pathsep.join([config.magicc_bin_dir, config.llvm_tools_dir,
                        os.path.dirname(sys.executable),
                        config.environment.get("PATH", os.environ.get("PATH", ""))])
config.environment["PATH"] = path
config.environment["FILECHECK_OPTS"] = "-enable-var-scope --allow-unused-prefixes=false"
# Diagnostics must not depend on the terminal the tests run from.
config.environment["NO_COLOR"] = "1"
config.environment.pop("TERM", None)
config.substitutions.append(("%examples", os.path.join(config.magicc_src_root, "examples")))
config.substitutions.append(("%inputs", os.path.join(config.magicc_src_root, "test", "lit", "Inputs")))
# The SSH backend's tests start real sshd processes (openssh-server).
if os.access("/usr/sbin/sshd", os.X_OK):
    config.available_features.add("sshd")
# Tests that plant files owned by another user (chown) run only as root.
if os.geteuid() == 0:
    config.available_features.add("root")
config.substitutions.append(("%sshd", "python3 " + os.path.join(config.magicc_src_root, "test", "lit", "ssh", "Inputs", "sshd_fixture.py")))
# Whether an aborted process would leave a core file in its directory.
try:
    if open("/proc/sys/kernel/core_pattern").read().strip() == "core":
        config.available_features.add("core-in-cwd")
except OSError:
    pass

# Under ASan, LeakSanitizer's scan at exit doubles what a one-shot `check` or
# `plan` costs, and those commands keep their compilation to exit on purpose
# (frontend/Leak.h). The front-end suites (a lit.local.cfg says so) run
# without it; the run, ssh and lsp suites, the unit tests (which free every
# compilation) and the servers' tests keep it.
asan_options = config.environment.get("ASAN_OPTIONS", "")
config.asan_options_without_leaks = (asan_options + ":detect_leaks=0") if "detect_leaks=1" in asan_options else None
