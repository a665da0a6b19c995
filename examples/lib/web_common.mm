# RUN: magicc check %s 2>&1 | count 0
# Shared pieces imported by web_stack.mm: a file and the service reading it.

item base_packages { run: "apt-get install -y ca-certificates curl" }

resource file nginx_conf {
  path: "/etc/nginx/conf.d/app.conf"
  content: "server { listen 80; }\n"
}
resource svc nginx { name: "nginx" }

nginx_conf ~> nginx
