# SYNTAX TEST "source.magic" "lines from examples/web_stack.mm and examples/rolling_upgrade.mm"
import "lib/web_common.mm"
# <------ keyword.control.import.magic
#      ^^^^^^^^^^^^^^^^^^^^ string.quoted.double.magic
param workers: int = 4
# <----- keyword.declaration.param.magic
#     ^^^^^^^ variable.parameter.magic
#                  ^ keyword.operator.assignment.magic
#                    ^ constant.numeric.integer.magic
param drain_timeout: duration = 30s
#                               ^^^ constant.numeric.duration.magic
host web01 { address: "10.1.0.11", tags: [web, os.debian] }
# <---- keyword.declaration.host.magic
#    ^^^^^ entity.name.variable.host.magic
#            ^^^^^^^ variable.other.property.magic
#                     ^^^^^^^^^^^ string.quoted.double.magic
item install_nginx {
# <---- keyword.declaration.item.magic
#    ^^^^^^^^^^^^^ entity.name.function.item.magic
  if: web & (os.debian | os.ubuntu)
# ^^ variable.other.property.magic
#         ^ keyword.operator.logical.magic
#                      ^ keyword.operator.logical.magic
  if: web & !maintenance & cluster != "legacy"
#           ^ keyword.operator.logical.magic
#                                  ^^ keyword.operator.comparison.magic
  run: "apt-get install -y nginx"  # a trailing comment
#      ^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.magic
#                                  ^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.magic
  retries: 2, retry_delay: 10s, timeout: 5m
#                          ^^^ constant.numeric.duration.magic
}
resource file nginx_conf { path: "/etc/nginx/nginx.conf" }
# <-------- keyword.declaration.resource.magic
#        ^^^^ entity.name.type.kind.magic
#             ^^^^^^^^^^ entity.name.function.resource.magic
install_nginx -> nginx_conf
#             ^^ keyword.operator.edge.magic
pipeline rolling_upgrade(version: string matches "^[0-9]+(\\.[0-9]+)*$") {
# <-------- keyword.declaration.pipeline.magic
#        ^^^^^^^^^^^^^^^ entity.name.namespace.pipeline.magic
#                                        ^^^^^^^ keyword.operator.matches.magic
#                                                         ^^ constant.character.escape.magic
  stage switch {
# ^^^^^ keyword.declaration.stage.magic
#       ^^^^^^ entity.name.function.stage.magic
    on: web
    batch: 2  # two servers at a time
#          ^ constant.numeric.integer.magic
    run: "ln -sfn ${root}/${host.name}/releases/${version} ${root}/current"
#                 ^^ punctuation.section.interpolation.begin.magic
#                   ^^^^ meta.interpolation.magic variable.other.readwrite.magic
#                           ^^^^ variable.other.readwrite.magic
#                               ^ punctuation.accessor.magic
#                                ^^^^ variable.other.readwrite.magic
#                                                 ^^^^^^^ variable.other.readwrite.magic
    summarize: true
#              ^^^^ constant.language.boolean.magic
  }
}
resource file motd {
  content: """
#          ^^^ string.quoted.triple.magic punctuation.definition.string.begin.magic
    ${greeting} on "port" ${port}
    """
#   ^^^ string.quoted.triple.magic punctuation.definition.string.end.magic
  template: "templates/site.conf.tmpl"
# ^^^^^^^^ variable.other.property.magic
}
item once { run: """echo "hi" ${who}""" }
#                ^^^^^^^^^^^^^^^^^^^^^^ string.quoted.triple.magic
#                               ^^^ meta.interpolation.magic variable.other.readwrite.magic
