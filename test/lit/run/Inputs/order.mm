param tricky: string = "it's \"quoted\" $$HOME"
item third  { depends: second, run: "sh -c 'echo third node=$$MAGICC_NODE host=$$MAGICC_HOST >> @DIR@/log'" }
item second { depends: first, run: "sh -c 'echo second \"$$0\" >> @DIR@/log' ${tricky}" }
item first  { run: "sh -c 'echo first >> @DIR@/log'" }
