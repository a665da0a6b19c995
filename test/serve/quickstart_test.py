#!/usr/bin/env python3
"""make-magic's QUICKSTART, replayed against a real `magicc serve` with
examples/coffee.mm (make-magic's sample items in magic): mclient's calls
over HTTP, the answers QUICKSTART shows. Then the server restarts on the
same SQLite file and the task is still there, as it was.

Usage: quickstart_test.py MAGICC SOURCE_DIR"""
import json
import os
import sys

from serve_support import Server, call, jcall, temp_dir

magicc, source = sys.argv[1], sys.argv[2]
program = os.path.join(source, "examples", "coffee.mm")
tmp = temp_dir("magicc-quickstart-")
store = "sqlite:" + os.path.join(tmp, "tasks.db")


def names(items):
    return sorted(i["name"] for i in items)


with Server(magicc, program, store) as s:
    b = s.base
    # ./mclient.py tasks
    assert jcall(b, "GET", "/task") == []
    # ./mclient.py task_create '{"requirements": [ "coffee" ]}'
    task = jcall(b, "POST", "/task/create", '{"requirements": [ "coffee" ]}')
    uuid = task["metadata"]["uuid"]
    assert task["metadata"] == {"requirements": ["coffee"], "uuid": uuid, "metadata": True}, task
    items = {i["name"]: i for i in task["items"]}
    assert items["TaskComplete"] == {"state": "INCOMPLETE", "name": "TaskComplete",
                                     "depends": ["go_to_work"]}, items["TaskComplete"]
    assert items["make_coffee"] == {"state": "INCOMPLETE", "name": "make_coffee",
                                    "depends": ["get_up"]}, items["make_coffee"]
    assert items["go_to_work"]["description"] == "Leave to go to work"
    assert names(task["items"]) == sorted([
        "TaskComplete", "wake_up", "get_up", "make_breakfast", "eat_breakfast", "make_coffee",
        "drink_coffee", "walk_out_door", "go_to_work"])
    # ./mclient.py task_create '{"requirements": []}': no coffee
    other = jcall(b, "POST", "/task/create", '{"requirements": []}')
    assert "make_coffee" not in names(other["items"])
    assert "drink_coffee" not in names(other["items"])
    walk = [i for i in other["items"] if i["name"] == "walk_out_door"][0]
    assert sorted(walk["depends"]) == ["eat_breakfast", "get_up"], walk
    # ./mclient.py tasks
    assert jcall(b, "GET", "/task/") == [uuid, other["metadata"]["uuid"]]
    # ./mclient.py task UUID
    assert jcall(b, "GET", "/task/" + uuid) == task
    # ./mclient.py items_ready UUID
    assert jcall(b, "GET", f"/task/{uuid}/available") == [{"state": "INCOMPLETE", "name": "wake_up"}]

    def update_item_state(item, old, new, token):
        status, state = call(b, "GET", f"/task/{uuid}/{item}/state")
        assert status == 200 and state == old, (status, state)
        body = '{"state": "%s", "_change_state_token": %d, "onlyif": {"state": "%s"}}' % (
            new, token, old)
        after = jcall(b, "POST", f"/task/{uuid}/{item}", body)
        assert after["state"] == new and after["_change_state_token"] == token, after

    update_item_state("wake_up", "INCOMPLETE", "IN_PROGRESS", 11)
    update_item_state("wake_up", "IN_PROGRESS", "COMPLETE", 12)
    assert names(jcall(b, "GET", f"/task/{uuid}/available")) == ["get_up"]
    update_item_state("get_up", "INCOMPLETE", "IN_PROGRESS", 18106579636852)
    update_item_state("get_up", "IN_PROGRESS", "COMPLETE", 18106579636852)
    assert jcall(b, "GET", f"/task/{uuid}/available") == [
        {"state": "INCOMPLETE", "name": "make_breakfast", "depends": ["get_up"]},
        {"state": "INCOMPLETE", "name": "make_coffee", "depends": ["get_up"]}]
    # A second worker racing for an item it lost sees the winner's token.
    lost = jcall(b, "POST", f"/task/{uuid}/wake_up",
                 '{"state": "IN_PROGRESS", "_change_state_token": 5, "onlyif": {"state": "INCOMPLETE"}}')
    assert lost["state"] == "COMPLETE" and lost["_change_state_token"] == 12, lost
    # ./mclient.py item UUID TaskComplete
    assert jcall(b, "GET", f"/task/{uuid}/TaskComplete") == items["TaskComplete"]
    # ./mclient.py metadata / update_metadata
    assert jcall(b, "GET", f"/task/{uuid}/metadata") == task["metadata"]
    meta = jcall(b, "POST", f"/task/{uuid}/metadata", '{"mornings_are": "meh"}')
    assert meta == {"mornings_are": "meh", "requirements": ["coffee"], "uuid": uuid,
                    "metadata": True}, meta
    # ./mclient.py update_item UUID get_up '{"bed was": "comfy", "sleep": "good"}'
    item = jcall(b, "POST", f"/task/{uuid}/get_up", '{"bed was": "comfy", "sleep": "good"}')
    assert item == {"bed was": "comfy", "name": "get_up", "state": "COMPLETE",
                    "depends": ["wake_up"], "sleep": "good",
                    "_change_state_token": 18106579636852}, item
    # Errors are make-magic's JSON shape.
    status, text = call(b, "GET", "/task/no-such-task")
    assert status == 404 and json.loads(text)["error"] == "404 Not Found", (status, text)
    status, text = call(b, "POST", "/task/create", "{}")
    assert status == 400 and json.loads(text) == {
        "error": "400 Bad Request", "message": "No requirements supplied to create task"}, text
    # ./mclient.py task_delete OTHER
    assert jcall(b, "DELETE", "/task/" + other["metadata"]["uuid"]) == {}
    before = jcall(b, "GET", "/task/" + uuid)

# Restarting loses nothing.
with Server(magicc, program, store) as s:
    assert jcall(s.base, "GET", "/task/") == [uuid]
    assert jcall(s.base, "GET", "/task/" + uuid) == before
print("quickstart: ok")
