#include "syntax/AstBuilder.h"

#include <charconv>
#include <limits>

#include "support/Suggest.h"
#include "syntax/FieldNames.h"
#include "syntax/Lexer.h"
#include "syntax/ParseTreeWalk.h"
#include "syntax/StringLiteral.h"
#include "syntax/Token.h"

namespace magicc::syntax {

using diag::DiagId;

namespace {

bool isMissing(antlr4::tree::TerminalNode* node) {
  return !node || walk::isConjured(node->getSymbol());
}

const char* describeValueKind(ExprKind k) {
  switch (k) {
    case ExprKind::String:
      return "a string";
    case ExprKind::Int:
      return "an integer";
    case ExprKind::Duration:
      return "a duration";
    case ExprKind::List:
      return "a list";
    case ExprKind::Map:
      return "a map";
    default:
      return "this value";
  }
}

}  // namespace

source::SourceRange AstBuilder::range(const antlr4::Token* token) const {
  return walk::tokenRange(file_, token);
}

source::SourceRange AstBuilder::range(antlr4::tree::TerminalNode* node) const {
  return node ? range(node->getSymbol()) : source::SourceRange{};
}

source::SourceRange AstBuilder::range(antlr4::ParserRuleContext* ctx) const {
  if (!ctx) return {};
  auto begin = range(ctx->getStart());
  // The stop token is the last one consumed; on an empty rule it precedes the start.
  auto end = ctx->getStop() ? range(ctx->getStop()) : begin;
  if (!end.valid() || end.end < begin.begin) return begin;
  return source::SourceRange::cover(begin, end);
}

Identifier AstBuilder::identifier(P::NameContext* ctx) {
  if (!ctx || ctx->children.empty()) return {};
  auto* id = walk::terminal(ctx->children[0]);
  if (!id || isMissing(id) || walk::tokenType(id) != P::ID) return {};
  return {std::string(walk::sourceToken(id->getSymbol())->textView()), range(id)};
}

Identifier AstBuilder::stringIdentifier(antlr4::tree::TerminalNode* node) {
  if (isMissing(node)) return {};
  const antlr4::Token* token = node->getSymbol();
  auto r = range(node);
  auto parts = decodeString(walk::sourceToken(token)->textView(), r.begin, diags_,
                            !walk::isMalformed(token));
  return {joinLiteralParts(parts), r};
}

std::unique_ptr<Decl> AstBuilder::build(P::DeclarationContext* ctx, bool hadSyntaxErrors) {
  quiet_ = hadSyntaxErrors;
  auto decl = buildDecl(ctx);
  if (decl) {
    decl->range = range(ctx);
    decl->hasSyntaxErrors = hadSyntaxErrors;
  }
  return decl;
}

ExprPtr AstBuilder::buildCondition(P::ExprContext* ctx) {
  quiet_ = false;
  std::size_t before = diags_.errorCount();
  ExprPtr e = buildExpr(ctx);
  if (e) checkCondition(*e);
  if (!e || diags_.errorCount() != before) return nullptr;
  return e;
}

std::unique_ptr<Decl> AstBuilder::buildDecl(P::DeclarationContext* ctx) {
  if (auto* c = ctx->importDecl()) {
    auto d = std::make_unique<ImportDecl>();
    d->path = stringIdentifier(c->STRING());
    return d;
  }
  if (auto* c = ctx->inventoryDecl()) {
    auto d = std::make_unique<InventoryDecl>();
    d->path = stringIdentifier(c->STRING());
    return d;
  }
  if (auto* c = ctx->paramDecl()) {
    auto d = std::make_unique<ParamDecl>();
    if (c->paramSpec()) d->spec = buildParamSpec(c->paramSpec());
    return d;
  }
  if (auto* c = ctx->hostDecl()) {
    auto d = std::make_unique<HostDecl>();
    d->name = identifier(c->name());
    buildBlock(c->block(), *d, "host");
    return d;
  }
  if (auto* c = ctx->itemDecl()) {
    auto d = std::make_unique<ItemDecl>();
    d->name = identifier(c->name());
    buildBlock(c->block(), *d, "item");
    return d;
  }
  if (auto* c = ctx->resourceDecl()) {
    auto d = std::make_unique<ResourceDecl>();
    d->kindName = identifier(c->kindName);
    d->name = identifier(c->resName);
    buildBlock(c->block(), *d, "resource");
    return d;
  }
  if (auto* c = ctx->kindDecl()) {
    auto d = std::make_unique<KindDecl>();
    d->name = identifier(c->name());
    d->body = source::SourceRange::cover(range(c->LBRACE()), range(c->RBRACE()));
    std::vector<P::FieldContext*> fields;
    for (auto* m : c->kindMember()) {
      if (m->field()) {
        fields.push_back(m->field());
        continue;
      }
      KindMember member;
      member.isOutput = m->OUT() != nullptr;
      member.name = identifier(m->name());
      member.type = buildType(m->typeExpr());
      if (m->expr()) member.defaultValue = buildExpr(m->expr());
      member.range = range(m);
      d->members.push_back(std::move(member));
    }
    buildFields(fields, d->fields, "kind");
    return d;
  }
  if (auto* c = ctx->pipelineDecl()) {
    auto d = std::make_unique<PipelineDecl>();
    d->name = identifier(c->name());
    d->body = source::SourceRange::cover(range(c->LBRACE()), range(c->RBRACE()));
    if (auto* list = c->paramList())
      for (auto* p : list->paramSpec()) d->params.push_back(buildParamSpec(p));
    std::vector<P::FieldContext*> fields;
    for (auto* m : c->pipelineMember()) {
      if (m->field()) fields.push_back(m->field());
      if (m->stageDecl()) d->stages.push_back(buildStage(m->stageDecl()));
    }
    buildFields(fields, d->fields, "pipeline");
    return d;
  }
  if (auto* c = ctx->edgeStmt()) return buildEdge(c);
  return nullptr;
}

void AstBuilder::buildBlock(P::BlockContext* ctx, BlockDecl& decl, std::string_view owner) {
  if (!ctx) return;
  decl.body = range(ctx);
  buildFields(fieldsOf(ctx), decl.fields, owner);
}

std::vector<AstBuilder::P::FieldContext*> AstBuilder::fieldsOf(P::BlockContext* ctx) {
  std::vector<P::FieldContext*> fields;
  for (auto* child : ctx->children)
    if (auto* f = walk::ruleOf<P::FieldContext>(child, P::RuleField)) fields.push_back(f);
  return fields;
}

void AstBuilder::buildFields(const std::vector<P::FieldContext*>& fields, std::vector<Field>& out,
                             std::string_view owner) {
  for (auto* f : fields) {
    Field field = buildField(f);
    if (field.name.valid()) out.push_back(std::move(field));
  }
  checkFields(out, owner, knownFields(owner));
}

StageDecl AstBuilder::buildStage(P::StageDeclContext* ctx) {
  StageDecl stage;
  stage.name = identifier(ctx->name());
  stage.range = range(ctx);
  if (ctx->block()) buildFields(fieldsOf(ctx->block()), stage.fields, "stage");
  return stage;
}

Field AstBuilder::buildField(P::FieldContext* ctx) {
  Field field;
  field.range = range(ctx);
  for (auto* child : ctx->children) {
    if (auto* name = walk::ruleOf<P::NameContext>(child, P::RuleName))
      field.name = identifier(name);
    if (auto* value = walk::ruleOf<P::ExprContext>(child, P::RuleExpr))
      field.value = buildExpr(value);
  }
  if (!field.value) {
    field.value = std::make_unique<Expr>();
    field.value->range = field.range;
  }
  return field;
}

void AstBuilder::checkFields(const std::vector<Field>& fields, std::string_view owner,
                             std::span<const std::string_view> known) {
  if (quiet_) return;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const Field& f = fields[i];
    bool isKnown = known.empty();
    for (auto k : known) isKnown = isKnown || k == f.name.name;
    if (!isKnown) {
      diags_.report(DiagId::UnknownField, f.name.range, f.name.name, owner,
                    support::didYouMean(f.name.name, known));
      continue;
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (fields[j].name.name != f.name.name) continue;
      diags_.report(DiagId::DuplicateField, f.name.range, f.name.name);
      diags_.note(DiagId::DeclaredHere, fields[j].name.range, "first value");
      break;
    }
    if (!f.value || f.value->kind == ExprKind::Error) continue;
    if (isConditionField(f.name.name)) {
      checkCondition(*f.value);
    } else {
      checkValue(*f.value, f);
    }
  }
}

void AstBuilder::checkCondition(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Bool:
    case ExprKind::Name:
    case ExprKind::Error:
      return;
    case ExprKind::String:
      // A quoted tag: a group name that is no identifier ("web-servers").
      if (!e.plainString())
        diags_.report(DiagId::ValueNotCondition, e.range, "an interpolated string");
      return;
    case ExprKind::Not:
    case ExprKind::And:
    case ExprKind::Or:
      for (const auto& op : e.operands) checkCondition(*op);
      return;
    case ExprKind::Compare: {
      const char* op = e.compareOp == CompareOp::Equal ? "==" : "!=";
      const Expr& lhs = *e.operands[0];
      const Expr& rhs = *e.operands[1];
      if (lhs.kind != ExprKind::Name && lhs.kind != ExprKind::Error)
        diags_.report(DiagId::CompareNeedsTag, lhs.range, op);
      if (rhs.kind != ExprKind::String && rhs.kind != ExprKind::ParamRef &&
          rhs.kind != ExprKind::Error)
        diags_.report(DiagId::CompareNeedsString, rhs.range, op);
      return;
    }
    case ExprKind::ParamRef:
      diags_.report(DiagId::ValueNotCondition, e.range, "a '$param' alone");
      return;
    default:
      diags_.report(DiagId::ValueNotCondition, e.range, describeValueKind(e.kind));
      return;
  }
}

void AstBuilder::checkValue(const Expr& e, const Field& field) {
  if (e.isCondition() || e.kind == ExprKind::ParamRef) {
    diags_.report(DiagId::ConditionNotValue, e.range, field.name.name);
    return;
  }
  for (const auto& op : e.operands) checkValue(*op, field);
  for (const auto& entry : e.entries)
    if (entry.value) checkValue(*entry.value, field);
}

ParamSpec AstBuilder::buildParamSpec(P::ParamSpecContext* ctx) {
  ParamSpec spec;
  spec.name = identifier(ctx->name());
  spec.range = range(ctx);
  spec.type = buildType(ctx->typeExpr());
  if (ctx->MATCHES() && !isMissing(ctx->STRING())) spec.matches = stringIdentifier(ctx->STRING());
  if (ctx->expr()) {
    spec.defaultValue = buildExpr(ctx->expr());
    if (!quiet_ && spec.defaultValue && spec.defaultValue->isCondition())
      diags_.report(DiagId::ConditionNotValue, spec.defaultValue->range, spec.name.name);
  }
  return spec;
}

TypeExprPtr AstBuilder::buildType(P::TypeExprContext* ctx) {
  if (!ctx) return nullptr;
  auto atom = buildTypeAtom(ctx->typeAtom());
  if (!atom) return nullptr;
  if (!ctx->QUESTION()) return atom;
  auto optional = std::make_unique<TypeExpr>();
  optional->kind = TypeExpr::Kind::Optional;
  optional->range = range(ctx);
  optional->element = std::move(atom);
  return optional;
}

TypeExprPtr AstBuilder::buildTypeAtom(P::TypeAtomContext* ctx) {
  if (!ctx) return nullptr;
  auto type = std::make_unique<TypeExpr>();
  type->range = range(ctx);
  if (ctx->name()) {
    Identifier name = identifier(ctx->name());
    type->name = name.name;
    bool generic = name.name == "list" || name.name == "map";
    if (ctx->LBRACKET()) {
      type->element = buildType(ctx->typeExpr());
      type->kind = name.name == "list" ? TypeExpr::Kind::List : TypeExpr::Kind::Map;
      if (!generic && !quiet_ && name.valid())
        diags_.report(DiagId::TypeTakesNoArgument, name.range, name.name);
      if (!generic) type->kind = TypeExpr::Kind::Named;
    } else {
      type->kind = TypeExpr::Kind::Named;
      if (generic && !quiet_)
        diags_.report(DiagId::TypeTakesArgument, name.range, name.name, name.name);
    }
    return type;
  }
  type->kind = TypeExpr::Kind::Enum;
  for (auto* child : ctx->children) {
    auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(child);
    if (term && term->getSymbol()->getType() == P::STRING && !isMissing(term))
      type->enumValues.push_back(stringIdentifier(term));
  }
  return type;
}

std::unique_ptr<Decl> AstBuilder::buildEdge(P::EdgeStmtContext* ctx) {
  auto edge = std::make_unique<EdgeDecl>();
  for (auto* end : ctx->edgeEnd()) {
    EdgeEnd e;
    auto names = end->name();
    if (!names.empty()) e.node = identifier(names[0]);
    if (names.size() > 1) e.field = identifier(names[1]);
    e.range = range(end);
    edge->ends.push_back(std::move(e));
  }
  for (auto* op : ctx->edgeOp()) {
    edge->ops.push_back(op->TILDE_ARROW() ? EdgeOp::Refresh : EdgeOp::Order);
    edge->opRanges.push_back(range(op));
  }
  if (quiet_) return edge;
  // a.x -> b.y moves a value; it needs a field on both ends, and '~>' takes none.
  for (std::size_t i = 0; i < edge->ops.size() && i + 1 < edge->ends.size(); ++i) {
    const EdgeEnd& from = edge->ends[i];
    const EdgeEnd& to = edge->ends[i + 1];
    bool fromField = from.field.has_value(), toField = to.field.has_value();
    if (edge->ops[i] == EdgeOp::Refresh && (fromField || toField)) {
      diags_.report(DiagId::RefreshFieldEdge, edge->opRanges[i]);
    } else if (fromField != toField) {
      diags_.report(DiagId::EdgeFieldOnOrdering, fromField ? to.range : from.range);
    }
  }
  return edge;
}

ExprPtr AstBuilder::buildExpr(P::ExprContext* ctx) {
  return buildBinary(ctx, ExprKind::Or);
}

ExprPtr AstBuilder::buildAnd(P::AndExprContext* ctx) {
  return buildBinary(ctx, ExprKind::And);
}

// expr and andExpr are lists of operands joined by one operator; a single
// operand is returned as it is.
ExprPtr AstBuilder::buildBinary(antlr4::ParserRuleContext* ctx, ExprKind kind) {
  if (!ctx) return nullptr;
  ExprPtr single;
  std::unique_ptr<Expr> e;
  for (auto* child : ctx->children) {
    if (auto* term = walk::terminal(child)) {
      if (!e) {
        e = std::make_unique<Expr>();
        e->kind = kind;
        e->range = range(ctx);
        if (single) e->operands.push_back(std::move(single));
      }
      e->operatorRanges.push_back(range(term));
      continue;
    }
    auto* r = static_cast<antlr4::ParserRuleContext*>(child);
    ExprPtr operand = kind == ExprKind::Or ? buildAnd(static_cast<P::AndExprContext*>(r))
                                           : buildNot(static_cast<P::NotExprContext*>(r));
    if (!operand) continue;
    if (e) {
      e->operands.push_back(std::move(operand));
    } else {
      single = std::move(operand);
    }
  }
  if (!e) return single;
  if (e->operands.size() == 1) return std::move(e->operands[0]);
  if (e->operands.empty()) return nullptr;
  return e;
}

// notExpr: BANG* primary ((EQ | NEQ) primary)?
ExprPtr AstBuilder::buildNot(P::NotExprContext* ctx) {
  if (!ctx) return nullptr;
  std::vector<antlr4::tree::TerminalNode*> bangs;
  ExprPtr lhs, rhs;
  antlr4::tree::TerminalNode* compare = nullptr;
  for (auto* child : ctx->children) {
    if (auto* term = walk::terminal(child)) {
      auto type = walk::tokenType(term);
      if (type == P::BANG && !lhs) bangs.push_back(term);
      if (type == P::EQ || type == P::NEQ) compare = term;
      continue;
    }
    auto* primary = static_cast<P::PrimaryContext*>(child);
    (lhs ? rhs : lhs) = buildPrimary(primary);
  }
  if (!lhs) return nullptr;
  ExprPtr inner = std::move(lhs);
  if (compare && rhs) {
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::Compare;
    e->compareOp = walk::tokenType(compare) == P::NEQ ? CompareOp::NotEqual : CompareOp::Equal;
    e->operatorRanges.push_back(range(compare));
    e->range = source::SourceRange::cover(inner->range, rhs->range);
    e->operands.push_back(std::move(inner));
    e->operands.push_back(std::move(rhs));
    inner = std::move(e);
  }
  if (bangs.empty()) return inner;
  if (bangs.size() > static_cast<std::size_t>(Lexer::kMaxNesting)) {
    diags_.report(DiagId::NestingTooDeep, range(bangs[Lexer::kMaxNesting]), Lexer::kMaxNesting);
    return inner;
  }
  // Innermost '!' first, so that each node's range starts at its own '!'.
  for (std::size_t i = bangs.size(); i-- > 0;) {
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::Not;
    e->range = source::SourceRange::cover(range(bangs[i]), inner->range);
    e->operands.push_back(std::move(inner));
    inner = std::move(e);
  }
  return inner;
}

ExprPtr AstBuilder::buildString(antlr4::tree::TerminalNode* node) {
  auto e = std::make_unique<Expr>();
  e->kind = ExprKind::String;
  e->range = range(node);
  const MagicToken* token = walk::sourceToken(node->getSymbol());
  if (!token) return e;
  e->parts = decodeString(token->textView(), e->range.begin, diags_, !token->malformed());
  return e;
}

// The labelled alternative is told by the first token matched, which is
// exact and far cheaper than trying each context type.
ExprPtr AstBuilder::buildPrimary(P::PrimaryContext* ctx) {
  auto e = std::make_unique<Expr>();
  e->range = range(ctx);
  if (!ctx || ctx->children.empty()) return e;
  auto* first = walk::terminal(ctx->children[0]);
  if (!first || walk::isConjured(first->getSymbol())) return e;
  const MagicToken* token = walk::sourceToken(first->getSymbol());
  switch (token->getType()) {
    case P::LPAREN: {
      ExprPtr inner;
      for (auto* child : ctx->children)
        if (auto* r = walk::ruleOf<P::ExprContext>(child, P::RuleExpr)) inner = buildExpr(r);
      if (!inner) return e;
      inner->parenthesized = true;
      inner->range = e->range;
      return inner;
    }
    case P::TRUE:
    case P::FALSE:
      // A malformed `true` stands in for brackets nested too deep.
      e->kind = token->malformed() ? ExprKind::Error : ExprKind::Bool;
      e->boolValue = token->getType() == P::TRUE;
      return e;
    case P::STRING:
      return buildString(first);
    case P::INT: {
      if (token->malformed()) return e;
      std::string_view text = token->textView();
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), e->intValue);
      if (ec != std::errc()) {
        diags_.report(DiagId::IntegerTooLarge, e->range, text);
        return e;
      }
      e->kind = ExprKind::Int;
      return e;
    }
    case P::DURATION: {
      std::string_view text = token->textView();
      std::size_t digits = text.find_first_not_of("0123456789");
      std::string_view unit = text.substr(digits);
      std::int64_t scale = unit == "ms" ? 1 : unit == "s" ? 1000 : unit == "m" ? 60000 : 3600000;
      std::int64_t value = 0;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + digits, value);
      if (ec != std::errc() || value > std::numeric_limits<std::int64_t>::max() / scale) {
        diags_.report(DiagId::IntegerTooLarge, e->range, text);
        return e;
      }
      e->kind = ExprKind::Duration;
      e->intValue = value * scale;
      return e;
    }
    case P::DOLLAR: {
      if (ctx->children.size() < 2) return e;
      Identifier name = identifier(walk::ruleOf<P::NameContext>(ctx->children[1], P::RuleName));
      if (!name.valid()) return e;
      e->kind = ExprKind::ParamRef;
      e->name = std::move(name.name);
      return e;
    }
    case P::ID: {
      // ID ('.' anyName)*: the name is the tokens' text without white space.
      e->kind = ExprKind::Name;
      e->name = token->textView();
      for (std::size_t i = 1; i < ctx->children.size(); ++i) {
        antlr4::tree::ParseTree* child = ctx->children[i];
        if (auto* r = walk::rule(child)) child = r->children.empty() ? nullptr : r->children[0];
        auto* term = child ? walk::terminal(child) : nullptr;
        const MagicToken* part = term ? walk::sourceToken(term->getSymbol()) : nullptr;
        if (!part) return e;
        e->name += part->textView();
      }
      return e;
    }
    case P::LBRACKET:
      e->kind = ExprKind::List;
      for (auto* child : ctx->children)
        if (auto* r = walk::ruleOf<P::ExprContext>(child, P::RuleExpr))
          if (auto v = buildExpr(r)) e->operands.push_back(std::move(v));
      return e;
    case P::LBRACE:
      e->kind = ExprKind::Map;
      for (auto* child : ctx->children)
        if (auto* entry = walk::ruleOf<P::MapEntryContext>(child, P::RuleMapEntry))
          e->entries.push_back(buildMapEntry(entry));
      return e;
    default:
      return e;
  }
}

MapEntry AstBuilder::buildMapEntry(P::MapEntryContext* entry) {
  MapEntry m;
  for (auto* child : entry->children) {
    if (auto* term = walk::terminal(child)) {
      if (walk::tokenType(term) == P::STRING) m.key = stringIdentifier(term);
    } else if (auto* key = walk::ruleOf<P::AnyNameContext>(child, P::RuleAnyName)) {
      m.key = {key->getStart()->getText(), range(key)};
    } else if (auto* value = walk::ruleOf<P::ExprContext>(child, P::RuleExpr)) {
      m.value = buildExpr(value);
    }
  }
  if (!m.value) {
    m.value = std::make_unique<Expr>();
    m.value->range = range(entry);
  }
  return m;
}

}  // namespace magicc::syntax
