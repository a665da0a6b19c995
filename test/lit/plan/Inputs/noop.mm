item hello {}
host extra { address: "192.0.2.7", tags: [web, special], vars: { colour: "red" } }
