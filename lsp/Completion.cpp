// Completion from where the cursor stands in the token stream, so that it
// works on half-typed text: names after `depends:`, in `apply:` and in
// edges; kinds after `resource`; a kind's fields (with types) inside a
// resource's block; item, host and stage fields; params after `${`; tags in
// conditions; keywords at the top level.
#include <map>
#include <set>

#include "lsp/Features.h"
#include "lsp/Hosts.h"
#include "sema/Type.h"
#include "syntax/FieldNames.h"
#include "syntax/Tokens.h"

namespace magicc::lsp {

namespace {

// LSP CompletionItemKind numbers (a namespace of their own: SemanticTokens.cpp
// names token types alike).
namespace item_kind {
constexpr int kFunction = 3, kField = 5, kVariable = 6, kClass = 7, kKeyword = 14, kEnumMember = 20,
              kConstant = 21;
}

using syntax::ClassifiedToken;
using syntax::TokenClass;

struct Block {
  std::string what;      // item, resource, host, kind, pipeline, stage, value
  std::string kind;      // a resource's kind
  std::string owner;     // the pipeline of a stage
  std::size_t open = 0;  // its `{` in the document's tokens
};

class Items {
 public:
  void add(const std::string& label, int kind, const std::string& detail = {}) {
    if (label.empty() || !seen_.insert(label).second) return;
    json item = {{"label", label}, {"kind", kind}};
    if (!detail.empty()) item["detail"] = detail;
    items_.push_back(std::move(item));
  }
  json take() { return {{"isIncomplete", false}, {"items", std::move(items_)}}; }
  // A label not to offer (a field the block already has).
  void skip(const std::string& label) { seen_.insert(label); }

 private:
  json items_ = json::array();
  std::set<std::string> seen_;
};

std::string_view textOf(std::string_view text, const ClassifiedToken& t) {
  return text.substr(t.begin, t.end - t.begin);
}

// Whether the block opened at token `open` has a `foreach:` of its own,
// before the cursor or after it.
// A pipeline's params as its header spells them, `(NAME: TYPE ...)`: read
// from the tokens, so they are offered while the body is half typed and
// the analysis has none.
std::vector<std::pair<std::string, std::string>> headerParams(
    std::string_view text, const std::vector<ClassifiedToken>& tokens, std::size_t start) {
  std::vector<std::pair<std::string, std::string>> out;
  int depth = 0;
  for (std::size_t i = start; i < tokens.size(); ++i) {
    std::string_view t = textOf(text, tokens[i]);
    if (t == "{" && depth == 0) break;
    if (t == "(" || t == "[") ++depth;
    if (t == ")" || t == "]") --depth;
    if (depth == 1 && tokens[i].cls == TokenClass::Name && i + 2 < tokens.size() &&
        textOf(text, tokens[i + 1]) == ":")
      out.emplace_back(std::string(t), std::string(textOf(text, tokens[i + 2])));
  }
  return out;
}

bool hasForeach(std::string_view text, const std::vector<ClassifiedToken>& all, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < all.size(); ++i) {
    if (all[i].bracket == '{') ++depth;
    if (all[i].bracket == '}' && --depth == 0) return false;
    if (depth == 1 && textOf(text, all[i]) == "foreach" && i + 1 < all.size() &&
        textOf(text, all[i + 1]) == ":")
      return true;
  }
  return false;
}

// The tags a condition may name: the inventory's groups (with how many
// hosts carry each), those of host declarations and those other conditions
// already use.
void addTags(Context& c, const Analysis& a, Items& items) {
  inventory::Inventory inv = programInventory(a, c.inventories);
  std::map<std::string, std::size_t> hostsWith;
  for (const auto& [name, host] : inv.hosts)
    for (const std::string& tag : host.tags) ++hostsWith[tag];
  for (const auto& [tag, n] : hostsWith)
    items.add(tag, item_kind::kEnumMember,
              "tag of " + std::to_string(n) + (n == 1 ? " host" : " hosts"));
  std::function<void(const syntax::Expr&)> walk = [&](const syntax::Expr& e) {
    if (e.kind == syntax::ExprKind::Name) items.add(e.name, item_kind::kEnumMember, "tag");
    for (const auto& o : e.operands)
      if (o) walk(*o);
  };
  for (const syntax::Module* m : a.program.modules)
    for (const auto& decl : m->decls) {
      const auto* block = dynamic_cast<const syntax::BlockDecl*>(decl.get());
      if (!block) continue;
      for (const auto& f : block->fields)
        if (f.value && (syntax::isConditionField(f.name.name) || f.name.name == "tags"))
          walk(*f.value);
      if (const auto* p = syntax::as<syntax::PipelineDecl>(*decl))
        for (const auto& stage : p->stages)
          for (const auto& f : stage.fields)
            if (f.value && syntax::isConditionField(f.name.name)) walk(*f.value);
    }
}

void addNodes(const Analysis& a, Items& items, bool resourcesOnly) {
  for (const sema::NodeInfo& n : a.model.nodes) {
    bool resource = n.kind == sema::NodeInfo::Kind::Resource;
    if (resourcesOnly && !resource) continue;
    items.add(n.name, resource ? item_kind::kVariable : item_kind::kFunction,
              resource && n.resourceKind ? "resource " + n.resourceKind->name : "item");
  }
}

void addParams(const Analysis& a, Items& items, const std::string& pipeline, bool each) {
  for (const auto& [name, p] : a.model.params)
    items.add(name, item_kind::kConstant,
              "param " + (p.type ? p.type->toString() : std::string("?")));
  if (!pipeline.empty())
    for (const auto& [qualified, type] : a.model.pipelineParamTypes)
      if (qualified.rfind(pipeline + ".", 0) == 0)
        items.add(qualified.substr(pipeline.size() + 1), item_kind::kConstant,
                  "param " + (type ? type->toString() : std::string("?")));
  if (each) items.add("each", item_kind::kConstant, "the foreach element");
  for (const char* host : {"host.name", "host.address", "host.vars."})
    items.add(host, item_kind::kConstant, "the target host");
}

void addFields(std::span<const std::string_view> names, Items& items) {
  for (std::string_view n : names) items.add(std::string(n), item_kind::kField);
}

}  // namespace

json completion(Context& c, const json& params) {
  std::string uri = documentUri(params);
  const Document& doc = c.workspace.get(uri);
  const Analysis& a = c.workspace.analysis(uri);
  // Names come from this analysis and, while the text has errors, from the
  // last one without (a half-typed line must not hide what is declared).
  std::vector<const Analysis*> sources{&a};
  if (const Analysis* clean = c.workspace.lastClean(uri); clean && clean != &a)
    sources.push_back(clean);
  LineIndex index(doc.text, c.encoding);
  std::uint32_t offset = index.offset(positionOf(params));
  std::string_view text = doc.text;
  Items items;

  // Inside a string: after an unclosed `${`, the params in scope.
  std::vector<ClassifiedToken> all;  // the whole document, comments left out
  std::vector<ClassifiedToken> tokens;
  for (const ClassifiedToken& t : syntax::classifyTokens(text)) {
    if (t.cls == TokenClass::Comment) {
      if (t.begin < offset && t.end >= offset) return items.take();  // none in comments
      continue;
    }
    all.push_back(t);
    if (t.begin < offset) tokens.push_back(t);
  }
  // The name being typed is not context.
  if (!tokens.empty() && tokens.back().end == offset &&
      (tokens.back().cls == TokenClass::Name || tokens.back().cls == TokenClass::Keyword))
    tokens.pop_back();

  // Which blocks the cursor is in, from the headers before each `{`.
  std::vector<Block> blocks;
  std::size_t statementStart = 0;  // first token of the current top-level declaration
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const ClassifiedToken& t = tokens[i];
    if (t.bracket == '{') {
      Block b{"value", "", "", i};
      std::string_view first =
          statementStart < i ? textOf(text, tokens[statementStart]) : std::string_view();
      if (i > 0 && tokens[i - 1].cls != TokenClass::Punctuation &&
          tokens[i - 1].cls != TokenClass::Operator) {
        if (blocks.empty()) {
          b.what = std::string(first);
          if (first == "resource" && statementStart + 1 < i)
            b.kind = std::string(textOf(text, tokens[statementStart + 1]));
        } else if (blocks.back().what == "pipeline" && i >= 2 &&
                   textOf(text, tokens[i - 2]) == "stage") {
          b.what = "stage";
        }
      } else if (blocks.empty() && first == "pipeline") {
        b.what = "pipeline";  // pipeline p(...) {
      }
      blocks.push_back(b);
    } else if (t.bracket == '}' && !blocks.empty()) {
      blocks.pop_back();
      if (blocks.empty()) statementStart = i + 1;
    } else if (blocks.empty() && t.cls == TokenClass::Keyword && t.bracket == 0) {
      std::string_view k = textOf(text, t);
      if (k == "import" || k == "param" || k == "host" || k == "inventory" || k == "item" ||
          k == "resource" || k == "kind" || k == "pipeline")
        statementStart = i;
    }
  }

  // The enclosing pipeline's name (the token after `pipeline` at the top),
  // and whether the cursor is in a stage with `foreach:` (`each` exists).
  std::string pipeline;
  if (!blocks.empty() && blocks.front().what == "pipeline" && statementStart + 1 < tokens.size())
    pipeline = std::string(textOf(text, tokens[statementStart + 1]));
  bool each = false;
  for (const Block& b : blocks)
    if (b.what == "stage") each = hasForeach(text, all, b.open);
  auto addPipelineParams = [&] {
    if (pipeline.empty()) return;
    for (const auto& [name, type] : headerParams(text, tokens, statementStart))
      items.add(name, item_kind::kConstant, "param " + type);
  };

  // In a string: ${ before the cursor and no } after it.
  std::size_t lineStart = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  lineStart = lineStart == std::string_view::npos ? 0 : lineStart + 1;
  std::string_view lineBefore = text.substr(lineStart, offset - lineStart);
  std::size_t interp = lineBefore.rfind("${");
  if (interp != std::string_view::npos && lineBefore.find('}', interp) == std::string_view::npos &&
      lineBefore.substr(0, interp).find('"') != std::string_view::npos) {
    if (!blocks.empty() && blocks.front().what == "kind") {
      if (statementStart + 1 < tokens.size()) {
        auto k = a.model.kinds.find(std::string(textOf(text, tokens[statementStart + 1])));
        if (k != a.model.kinds.end())
          for (const sema::KindField& f : k->second.fields)
            items.add(f.name, item_kind::kField, f.type ? f.type->toString() : "");
      }
      return items.take();
    }
    addPipelineParams();
    for (const Analysis* from : sources) addParams(*from, items, pipeline, each);
    return items.take();
  }

  const ClassifiedToken* prev = tokens.empty() ? nullptr : &tokens.back();
  std::string_view prevText = prev ? textOf(text, *prev) : std::string_view();

  // The field whose value the cursor is in: NAME ':' then maybe `[` and names.
  std::string_view field;
  for (std::size_t i = tokens.size(); i-- > 0;) {
    std::string_view s = textOf(text, tokens[i]);
    if (s == ":" && i > 0) {
      field = textOf(text, tokens[i - 1]);
      break;
    }
    if (s == "{" || s == "}" || s == ";" || s == "(" || s == ")") break;
    if (s == "," && (i == 0 || textOf(text, tokens[i - 1]) != ",")) {
      // A comma inside a list continues the value; one between fields ends it.
      bool inList = false;
      int depth = 0;
      for (std::size_t j = i; j-- > 0;) {
        std::string_view u = textOf(text, tokens[j]);
        if (u == "]") ++depth;
        if (u == "[") {
          if (depth == 0) {
            inList = true;
            break;
          }
          --depth;
        }
        if (u == "{" || u == "}" || u == ":") break;
      }
      if (!inList) break;
    }
  }
  // A new line after a complete value starts a new field.
  bool newLine = prev && text.substr(prev->end, offset - prev->end).find('\n') != std::string::npos;
  if (!field.empty() && newLine && prevText != ":" && prevText != "[" && prevText != "," &&
      prev->cls != TokenClass::Operator)
    field = {};

  if (blocks.empty()) {
    if (prevText == "resource") {
      for (const Analysis* from : sources)
        for (const auto& [name, kind] : from->model.kinds)
          items.add(name, item_kind::kClass, "kind");
      return items.take();
    }
    if (prevText == "->" || prevText == "~>") {
      for (const Analysis* from : sources) addNodes(*from, items, false);
      return items.take();
    }
    if (prevText == "." && tokens.size() >= 2) {
      // node.field in an edge.
      const sema::NodeInfo* n = a.model.findNode(textOf(text, tokens[tokens.size() - 2]));
      if (n && n->resourceKind)
        for (const sema::KindField& f : n->resourceKind->fields)
          items.add(f.name, item_kind::kField,
                    std::string(f.isOutput ? "out " : "in ") + (f.type ? f.type->toString() : ""));
      return items.take();
    }
    if (!prev || newLine || prevText == "}") {
      for (const char* k :
           {"import", "param", "host", "inventory", "item", "resource", "kind", "pipeline"})
        items.add(k, item_kind::kKeyword);
      for (const Analysis* from : sources)
        addNodes(*from, items, false);  // an edge starts with a node
    }
    return items.take();
  }

  const Block& block = blocks.back();
  if (!field.empty()) {
    if (field == "depends") {
      for (const Analysis* from : sources) addNodes(*from, items, false);
    } else if (field == "apply" && block.what == "stage") {
      for (const Analysis* from : sources) addNodes(*from, items, true);
    } else if (syntax::isConditionField(field)) {
      addTags(c, a, items);
      if (prevText == "$") {
        addPipelineParams();
        for (const Analysis* from : sources) addParams(*from, items, pipeline, false);
      }
    } else if (field == "tags") {
      addTags(c, a, items);
    } else {
      for (const char* v : {"true", "false"}) items.add(v, item_kind::kKeyword);
      addPipelineParams();
      for (const Analysis* from : sources) addParams(*from, items, pipeline, false);
    }
    return items.take();
  }
  // A field name, but not one the block already has (before or after the cursor).
  {
    int depth = 0;
    for (std::size_t i = block.open; i < all.size(); ++i) {
      if (all[i].bracket == '{' || all[i].bracket == '[' || all[i].bracket == '(') ++depth;
      if ((all[i].bracket == '}' || all[i].bracket == ']' || all[i].bracket == ')') && --depth == 0)
        break;
      if (depth == 1 && (all[i].cls == TokenClass::Name || all[i].cls == TokenClass::Keyword) &&
          i + 1 < all.size() && textOf(text, all[i + 1]) == ":")
        items.skip(std::string(textOf(text, all[i])));
    }
  }
  if (block.what == "item") addFields(syntax::kItemFields, items);
  if (block.what == "host") addFields(syntax::kHostFields, items);
  if (block.what == "stage") addFields(syntax::kStageFields, items);
  if (block.what == "kind") {
    addFields(syntax::kKindFields, items);
    items.add("in", item_kind::kKeyword);
    items.add("out", item_kind::kKeyword);
  }
  if (block.what == "pipeline") {
    addFields(syntax::kPipelineFields, items);
    items.add("stage", item_kind::kKeyword);
  }
  if (block.what == "resource") {
    for (const Analysis* from : sources) {
      auto k = from->model.kinds.find(block.kind);
      if (k != from->model.kinds.end())
        for (const sema::KindField& f : k->second.fields)
          if (!f.isOutput)
            items.add(f.name, item_kind::kField,
                      (f.type ? f.type->toString() : std::string("?")) +
                          (f.hasDefault ? " (optional)" : ""));
    }
  }
  return items.take();
}

}  // namespace magicc::lsp
