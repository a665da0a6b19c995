# Completes each argument line as bash would at its end and prints the
# candidates, sorted, on one line: bash_complete.sh SCRIPT 'magicc ru' ...
source "$1"
shift
for line in "$@"; do
  read -ra COMP_WORDS <<<"$line"
  # A line ending in a space completes a new, empty word.
  [[ $line == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _magicc
  printf '%s: %s\n' "$line" "$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')"
done
