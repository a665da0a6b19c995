#!/bin/sh
# Records how many copies of itself run at once (in $1/max), using a lock dir.
dir=$1
until mkdir "$dir/lock" 2>/dev/null; do sleep 0.01; done
n=$(( $(cat "$dir/running" 2>/dev/null || echo 0) + 1 ))
echo $n > "$dir/running"; echo $n >> "$dir/max"
rmdir "$dir/lock"
sleep 0.2
until mkdir "$dir/lock" 2>/dev/null; do sleep 0.01; done
echo $(( $(cat "$dir/running") - 1 )) > "$dir/running"
rmdir "$dir/lock"
