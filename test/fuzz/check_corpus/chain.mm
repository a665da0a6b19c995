item a { depends: [b] } item b { depends: [c] } item c { when: (os.debian | os.rhel5) & !x }
