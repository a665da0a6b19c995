# RUN: magicc check %s 2>&1 | count 0
# Parenthesized mixes give no warning; $param of a string or enum type may be compared.
param cluster: string = "alfa"
param tier: "gold" | "silver" = "gold"
item a { if: (morning & weekday) | sunday }
item b { if: morning & (weekday | sunday) }
item c { if: !a.b & !(c | d) }
pipeline p() {
  stage s { on: app & cluster == $cluster & tier != $tier, run: "x" }
  stage t { on: (app | db) & os.debian, run: "x" }
}
