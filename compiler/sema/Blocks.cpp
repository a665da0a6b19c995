// Checking the fields of items, resources, hosts, kinds, pipelines and stages.
#include <fmt/format.h>

#include "sema/Analyzer.h"
#include "support/FileFields.h"
#include "support/Quantity.h"
#include "support/Suggest.h"

namespace magicc::sema {

using diag::DiagId;
using syntax::Expr;
using syntax::ExprKind;
using syntax::Field;

namespace {

std::string quoted(const std::string& name) {
  return "'" + name + "'";
}

}  // namespace

void Analyzer::checkItem(const NodeInfo& node) {
  Scope scope;
  for (const Field& f : node.decl->fields) {
    const std::string& name = f.name.name;
    const Expr& v = *f.value;
    if (name == "if") {
      checkCondition(v, scope);
    } else if (name == "depends") {
      checkNodeList(v, "'depends'", false, [&](const NodeInfo& dep) {
        model_.edges.push_back({dep.id, node.id, Edge::Why::Depends, {}, {}, v.range});
      });
    } else if (name == "run") {
      checkCommand(v, "'run'", scope);
    } else if (name == "retries") {
      checkIntRange(f, 0, ">= 0", scope);
    } else if (name == "retry_delay" || name == "timeout") {
      checkValue(v, Type::duration(), quoted(name), scope);
    } else if (name == "meta") {
      if (v.kind != ExprKind::Map && v.kind != ExprKind::Error)
        diags_.report(DiagId::TypeMismatch, v.range, "'meta'", "a map", describe(v, scope));
      for (const auto& e : v.entries)
        if (e.value->kind == ExprKind::String) checkInterpolations(*e.value, scope);
    }
  }
}

void Analyzer::checkResource(NodeInfo& node) {
  auto* decl = static_cast<const syntax::ResourceDecl*>(node.decl);
  auto kindIt = model_.kinds.find(decl->kindName.name);
  if (kindIt == model_.kinds.end()) {
    std::vector<std::string_view> kinds;
    for (const auto& [name, k] : model_.kinds) kinds.push_back(name);
    diags_.report(DiagId::UnknownKind, decl->kindName.range, decl->kindName.name,
                  support::didYouMean(decl->kindName.name, kinds));
    return;
  }
  const KindInfo& kind = kindIt->second;
  node.resourceKind = &kind;
  Scope scope;
  for (const Field& f : decl->fields) {
    const std::string& name = f.name.name;
    if (name == "if") {
      checkCondition(*f.value, scope);
      continue;
    }
    if (name == "depends") {
      checkNodeList(*f.value, "'depends'", false, [&](const NodeInfo& dep) {
        model_.edges.push_back({dep.id, node.id, Edge::Why::Depends, {}, {}, f.value->range});
      });
      continue;
    }
    const KindField* field = kind.field(name);
    if (!field) {
      std::vector<std::string_view> names{"if", "depends"};
      for (const auto& kf : kind.fields)
        if (!kf.isOutput) names.push_back(kf.name);
      diags_.report(DiagId::UnknownKindField, f.name.range, kind.name, name,
                    support::didYouMean(name, names));
      continue;
    }
    if (field->isOutput) {
      diags_.report(DiagId::OutputFieldSet, f.name.range, name, kind.name);
      continue;
    }
    std::string what = fmt::format("field '{}' of kind '{}'", name, kind.name);
    // exec's cmd is a command line: no secret may be interpolated into it.
    if (kind.name == "exec" && name == "cmd" && !kind.decl->hasSyntaxErrors)
      checkCommand(*f.value, what, scope);
    else
      checkValue(*f.value, field->type, what, scope);
    if (kind.name == "file") checkFileLiteral(f);
  }
  if (kind.name == "file") checkFileTemplate(node, kind, scope);
}

void Analyzer::checkFileTemplate(const NodeInfo& node, const KindInfo& kind, const Scope& scope) {
  const FileContentSource* from = model_.fileContent(node.decl);
  const KindField* content = kind.field("content");
  if (!from || from->field != "template" || !content) return;
  checkValue(from->content, content->type, fmt::format("template of '{}'", node.name), scope);
}

void Analyzer::checkFileContentSends() {
  for (const NodeInfo& node : model_.nodes) {
    const syntax::BlockDecl* decl = node.decl;
    const FileContentSource* from = model_.fileContent(decl);
    if (!from) continue;
    const syntax::Field* field = decl->field(from->field);
    if (!field || !decl->name.valid() || !receivedFields_.count(decl->name.name + ".content"))
      continue;
    std::string sender = "a value sent into content";
    for (const Edge& e : model_.edges) {
      const NodeInfo& to = model_.nodes[static_cast<std::size_t>(e.to)];
      if (e.why == Edge::Why::SendRecv && to.decl == decl && e.toField == "content")
        sender = fmt::format("'{}.{}' (sent into content)",
                             model_.nodes[static_cast<std::size_t>(e.from)].name, e.fromField);
    }
    diags_.report(DiagId::FileContentConflict, field->value->range, decl->name.name,
                  from->field + ":", sender);
  }
}

void Analyzer::checkRequiredFields() {
  for (const NodeInfo& node : model_.nodes) {
    const std::string& name = node.name;
    if (!node.resourceKind || node.decl->hasSyntaxErrors) continue;
    for (const auto& field : node.resourceKind->fields) {
      if (field.isOutput || field.hasDefault) continue;
      if (field.type->kind() == Type::Kind::Optional) continue;
      if (node.decl->field(field.name) || receivedFields_.count(name + "." + field.name)) continue;
      diags_.report(DiagId::MissingRequiredField, node.decl->name.range, name, field.name,
                    field.type->toString());
      diags_.note(DiagId::FieldHere, field.range, field.name);
    }
  }
}

void Analyzer::checkHost(const syntax::HostDecl& host) {
  Scope scope;
  for (const Field& f : host.fields) {
    const std::string& name = f.name.name;
    const Expr& v = *f.value;
    if (name == "address" || name == "user") {
      checkValue(v, Type::string(), quoted(name), scope);
    } else if (name == "port") {
      checkValue(v, Type::integer(), "'port'", scope);
      if (v.kind == ExprKind::Int && (v.intValue < 1 || v.intValue > 65535))
        diags_.report(DiagId::ValueOutOfRange, v.range, "'port'", "between 1 and 65535",
                      v.intValue);
    } else if (name == "tags") {
      // Tags are names, not params: `tags: [frontend, os.debian]`; a tag
      // that is no name is quoted, as in conditions: `"web-servers"`.
      if (v.kind != ExprKind::List && v.kind != ExprKind::Error) {
        diags_.report(DiagId::TypeMismatch, v.range, "'tags'", "a list of tags",
                      describe(v, scope));
        continue;
      }
      for (const auto& tag : v.operands)
        if (tag->kind != ExprKind::Name && tag->kind != ExprKind::Error &&
            !(tag->kind == ExprKind::String && tag->plainString()))
          diags_.report(DiagId::TypeMismatch, tag->range, "a tag",
                        "a name such as os.debian, or a quoted tag", describe(*tag, scope));
    } else if (name == "vars") {
      if (v.kind != ExprKind::Map && v.kind != ExprKind::Error) {
        diags_.report(DiagId::TypeMismatch, v.range, "'vars'", "a map", describe(v, scope));
        continue;
      }
      for (const auto& e : v.entries) {
        auto k = e.value->kind;
        if (k != ExprKind::String && k != ExprKind::Int && k != ExprKind::Bool &&
            k != ExprKind::Error)
          diags_.report(DiagId::TypeMismatch, e.value->range,
                        fmt::format("host var '{}'", e.key.name), "a string, an integer or a bool",
                        describe(*e.value, scope));
      }
    }
  }
}

// What the file resource would refuse on the host, said here for literals
// (lowering says it for values from params).
void Analyzer::checkFileLiteral(const Field& f) {
  auto text = f.value->plainString();
  if (!text) return;
  if (f.name.name == "path" && !support::isAbsolutePath(*text))
    diags_.report(DiagId::PathNotAbsolute, f.value->range, "'path'", *text);
  if (f.name.name == "mode" && !support::parseFileMode(*text))
    diags_.report(DiagId::BadFileMode, f.value->range, "'mode'", *text);
}

void Analyzer::checkKindCommands(const KindInfo& kind) {
  for (const Field& f : kind.decl->fields) {
    Scope scope;
    scope.kind = &kind;
    scope.kindPart = f.name.name == "check" ? "check" : "apply";
    if (f.value->kind != ExprKind::String) {
      checkValue(*f.value, Type::string(), quoted(f.name.name), scope);
      continue;
    }
    checkInterpolations(*f.value, scope, true);
  }
}

void Analyzer::checkPipeline(const syntax::PipelineDecl& pipeline) {
  std::map<std::string, ParamInfo> params;
  Scope scope;
  for (const auto& spec : pipeline.params) {
    if (!spec.name.valid()) continue;
    if (auto it = params.find(spec.name.name); it != params.end()) {
      diags_.report(DiagId::Redefinition, spec.name.range, "param", spec.name.name);
      diags_.note(DiagId::PreviousDefinition, it->second.spec->name.range);
      continue;
    }
    params.emplace(spec.name.name, resolveParam(spec, scope));
  }
  for (const auto& [name, p] : params)
    model_.pipelineParamTypes[pipeline.name.name + "." + name] = p.type;
  scope.pipelineParams = &params;
  for (const Field& f : pipeline.fields)
    if (f.name.name == "requires")
      checkValue(*f.value, Type::list(Type::string()), "'requires'", scope);
  std::map<std::string, const syntax::StageDecl*> stages;
  for (const auto& stage : pipeline.stages) {
    if (!stage.name.valid()) continue;
    if (auto [it, fresh] = stages.emplace(stage.name.name, &stage); !fresh) {
      diags_.report(DiagId::Redefinition, stage.name.range, "stage", stage.name.name);
      diags_.note(DiagId::PreviousDefinition, it->second->name.range);
      continue;
    }
    if (!stage.hasSyntaxErrors) checkStage(stage, scope);
  }
}

void Analyzer::checkStage(const syntax::StageDecl& stage, const Scope& pipelineScope) {
  Scope scope = pipelineScope;
  scope.eachAvailable = stage.field("foreach") != nullptr;
  int actions = 0;
  for (const Field& f : stage.fields) {
    const std::string& name = f.name.name;
    const Expr& v = *f.value;
    if (name == "run" || name == "call" || name == "apply") ++actions;
    if (name == "on") {
      checkCondition(v, scope);
    } else if (name == "when_empty") {
      checkValue(v, Type::string(), "'when_empty'", scope);
    } else if (name == "allow_empty" || name == "summarize" || name == "sudo") {
      checkValue(v, Type::boolean(), quoted(name), scope);
    } else if (name == "batch" || name == "concurrency" || name == "per_host") {
      checkIntRange(f, 1, ">= 1", scope);
    } else if (name == "retries") {
      checkIntRange(f, 0, ">= 0", scope);
    } else if (name == "retry_delay" || name == "timeout") {
      checkValue(v, Type::duration(), quoted(name), scope);
    } else if (name == "max_fail") {
      // A count, or a percentage written as a string: "25%".
      if (v.kind == ExprKind::String) {
        auto text = v.plainString();
        bool ok = text && !text->empty() && text->back() == '%' && support::parseShare(*text);
        if (!ok)
          diags_.report(DiagId::ValueOutOfRange, v.range, "'max_fail'",
                        "a count or a percentage from \"0%\" to \"100%\"", describe(v, scope));
      } else {
        checkIntRange(f, 0, ">= 0", scope);
      }
    } else if (name == "run") {
      checkCommand(v, "'run'", scope);
    } else if (name == "call") {
      checkValue(v, Type::string(), "'call'", scope);
    } else if (name == "args") {
      if (!stage.field("call")) diags_.report(DiagId::ArgsWithoutCall, f.name.range);
      if (v.kind != ExprKind::Map && v.kind != ExprKind::Error) {
        diags_.report(DiagId::TypeMismatch, v.range, "'args'", "a map", describe(v, scope));
        continue;
      }
      for (const auto& e : v.entries) {
        if (e.value->kind == ExprKind::String) checkCommand(*e.value, "'args'", scope, false);
        if (e.value->kind == ExprKind::Name) {
          const ParamInfo* p = lookupParam(e.value->name, scope);
          if (p && containsSecret(*p->type))
            diags_.report(DiagId::SecretInterpolated, e.value->range, p->name, "'args'");
          if (p) continue;
          std::vector<std::string_view> names = paramNames(scope);
          diags_.report(DiagId::UnknownName, e.value->range, "param", e.value->name,
                        support::didYouMean(e.value->name, names));
        }
      }
    } else if (name == "apply") {
      checkNodeList(v, "'apply'", true, [](const NodeInfo&) {});
    } else if (name == "foreach") {
      if (v.kind == ExprKind::List) {
        for (const auto& element : v.operands)
          if (element->kind == ExprKind::String) checkInterpolations(*element, scope);
      } else if (v.kind == ExprKind::Name) {
        const ParamInfo* p = lookupParam(v.name, scope);
        if (!p) {
          std::vector<std::string_view> names = paramNames(scope);
          diags_.report(DiagId::UnknownName, v.range, "param", v.name,
                        support::didYouMean(v.name, names));
        } else if (p->type->kind() != Type::Kind::List && !p->type->isError()) {
          diags_.report(DiagId::TypeMismatch, v.range, "'foreach'", "a list", describe(v, scope));
        }
      } else if (v.kind != ExprKind::Error) {
        diags_.report(DiagId::TypeMismatch, v.range, "'foreach'", "a list", describe(v, scope));
      }
    }
  }
  if (actions != 1)
    diags_.report(DiagId::StageActionCount, stage.name.range, stage.name.name,
                  actions == 0 ? "; it has none" : "; it has several");
}

}  // namespace magicc::sema
