# User kinds whose apply: prints its outputs wrongly: each is a failure that
# names the kind, the resource and the output (and nothing is journaled).
kind forgets {
  out path: string
  apply: "true"
}
kind wrong_type {
  out n: int
  apply: "echo '{\"n\": \"notanint\"}'"
}
kind bad_json {
  out n: int
  apply: "echo '{\"n\": 3'"
}
kind extra {
  out n: int
  apply: "echo '{\"n\": 3, \"surprise\": 1}'"
}
kind right {
  out n: int
  out tags: list[string]
  apply: "echo '{\"n\": \"4\", \"tags\": [\"a\"]}'"
}
resource forgets r_forgets {}
resource wrong_type r_wrong_type {}
resource bad_json r_bad_json {}
resource extra r_extra {}
resource right r_right {}
