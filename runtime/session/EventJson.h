// The NDJSON form of a run's events (magicc run --json), one object a line:
// `run`, `start`, `retry`, `finish`, `stage` and `end`. The task server and
// the agent stream the same objects. Restored jobs are counted in `run` and
// `end`; notices and unreachable hosts are not part of the stream (the
// console says them on stderr).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "engine/Redactor.h"
#include "program/Program.h"
#include "session/Events.h"

namespace magicc::runtime {

struct EventJsonOptions {
  bool verbose = false;  // -v: a completed job's output in its `finish`
};

// The event's object, or nothing for events the stream does not carry.
std::optional<nlohmann::ordered_json> eventJson(const Event& event, const RunProgram& program,
                                                const EventJsonOptions& options = {});

// One line of the stream (no newline), every secret `redactor` knows hidden.
std::string eventJsonLine(nlohmann::ordered_json event, const Redactor& redactor);

}  // namespace magicc::runtime
