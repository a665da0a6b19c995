# RUN: magicc check %s 2>&1 | count 0
# make-magic's morning routine (doc/sample_items.json), in magic.
# magicc plan coffee.mm --require coffee   -> 8 items + TaskComplete
# magicc plan coffee.mm                    -> make_coffee and drink_coffee filtered out

item wake_up {}
item get_up { depends: wake_up }
item make_breakfast { depends: get_up }
item eat_breakfast { depends: make_breakfast }
item make_coffee { if: coffee, depends: get_up }
item drink_coffee { if: coffee, depends: make_coffee }
item walk_out_door { depends: [get_up, eat_breakfast, make_coffee] }
item go_to_work {
  depends: [walk_out_door, eat_breakfast, drink_coffee]
  meta: { description: "Leave to go to work" }
}
