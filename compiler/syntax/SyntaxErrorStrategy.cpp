#include "syntax/SyntaxErrorStrategy.h"

#include <Exceptions.h>
#include <InputMismatchException.h>
#include <atn/ATN.h>
#include <atn/ATNState.h>
#include <atn/ParserATNSimulator.h>
#include <atn/Transition.h>

#include "MagicParser.h"
#include "syntax/FieldNames.h"
#include "syntax/ParseTreeWalk.h"
#include "syntax/Token.h"
#include "syntax/TokenNames.h"

namespace magicc::syntax {

using P = grammar::MagicParser;
using diag::DiagId;

bool isDeclarationKeyword(std::size_t t) {
  switch (t) {
    case P::IMPORT:
    case P::PARAM:
    case P::HOST:
    case P::INVENTORY:
    case P::ITEM:
    case P::RESOURCE:
    case P::KIND:
    case P::PIPELINE:
      return true;
    default:
      return false;
  }
}

namespace {

bool isKeyword(std::size_t t) {
  return isDeclarationKeyword(t) || t == P::IN || t == P::OUT || t == P::STAGE || t == P::TRUE ||
         t == P::FALSE || t == P::MATCHES;
}

bool isOpener(std::size_t t) {
  return t == P::LPAREN || t == P::LBRACKET || t == P::LBRACE;
}
bool isCloser(std::size_t t) {
  return t == P::RPAREN || t == P::RBRACKET || t == P::RBRACE;
}

// The end of a construct's source was reached without its closer.
bool endsConstruct(std::size_t t) {
  return t == P::EOF || isDeclarationKeyword(t);
}

antlr4::RuleContext* parentOf(antlr4::RuleContext* ctx) {
  return dynamic_cast<antlr4::RuleContext*>(ctx->parent);
}

bool has(const antlr4::misc::IntervalSet& set, std::size_t type) {
  return set.contains(type);
}

// Just after a token, where clang points for a missing ':' or ';'.
source::SourceRange afterToken(source::FileId file, const antlr4::Token* t) {
  auto r = walk::tokenRange(file, t);
  return source::SourceRange(r.end);
}

template <typename Ctx>
Ctx* enclosing(antlr4::RuleContext* ctx) {
  for (; ctx; ctx = parentOf(ctx))
    if (auto* c = dynamic_cast<Ctx*>(ctx)) return c;
  return nullptr;
}

std::string nameOf(P::NameContext* n) {
  if (!n || !n->ID() || n->ID()->getSymbol()->getStartIndex() == INVALID_INDEX) return {};
  return n->getText();
}

// "item 'a'", "stage 'upgrade'": the construct whose block we are in.
std::string describeBlockOwner(antlr4::RuleContext* ctx) {
  auto named = [](const char* what, P::NameContext* n) {
    std::string name = nameOf(n);
    return name.empty() ? std::string(what) : fmt::format("{} '{}'", what, name);
  };
  for (; ctx; ctx = parentOf(ctx)) {
    if (auto* c = dynamic_cast<P::ItemDeclContext*>(ctx)) return named("item", c->name());
    if (auto* c = dynamic_cast<P::HostDeclContext*>(ctx)) return named("host", c->name());
    if (auto* c = dynamic_cast<P::StageDeclContext*>(ctx)) return named("stage", c->name());
    if (auto* c = dynamic_cast<P::ResourceDeclContext*>(ctx)) return named("resource", c->resName);
    if (auto* c = dynamic_cast<P::KindDeclContext*>(ctx)) return named("kind", c->name());
    if (auto* c = dynamic_cast<P::PipelineDeclContext*>(ctx)) return named("pipeline", c->name());
  }
  return "block";
}

// The token that opened the innermost bracket still open in `ctx`.
antlr4::Token* innermostOpener(antlr4::RuleContext* ctx, std::size_t closer) {
  for (; ctx; ctx = parentOf(ctx)) {
    auto* prc = dynamic_cast<antlr4::ParserRuleContext*>(ctx);
    if (!prc) continue;
    auto want = closer == P::RBRACKET ? P::LBRACKET : closer == P::RPAREN ? P::LPAREN : P::LBRACE;
    // The block's '{' is a child token, as are list and paren openers.
    for (auto* child : prc->children) {
      auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(child);
      if (term && term->getSymbol()->getType() == want) return term->getSymbol();
    }
  }
  return nullptr;
}

std::size_t openerFor(std::size_t closer) {
  return closer == P::RBRACKET ? P::LBRACKET : closer == P::RPAREN ? P::LPAREN : P::LBRACE;
}

// How many brackets of the closer's kind are open around the parser's position.
int openCount(antlr4::RuleContext* ctx, std::size_t closer) {
  int open = 0;
  std::size_t opener = openerFor(closer);
  for (; ctx; ctx = parentOf(ctx)) {
    auto* prc = dynamic_cast<antlr4::ParserRuleContext*>(ctx);
    if (!prc) continue;
    for (auto* child : prc->children) {
      auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(child);
      if (!term) continue;
      if (term->getSymbol()->getType() == opener) ++open;
      if (term->getSymbol()->getType() == closer) --open;
    }
  }
  return open;
}

const char* closerText(std::size_t t) {
  return t == P::RBRACKET ? "]" : t == P::RPAREN ? ")" : "}";
}

const char* openerWhat(std::size_t closer) {
  return closer == P::RBRACKET ? "the list" : closer == P::RPAREN ? "the parenthesis" : "the map";
}

// What can follow a declaration's or field's name. (Not a name: `item c`
// after a keyword is the next declaration, not a keyword used as a name.)
bool isNameFollower(std::size_t t) {
  return t == P::LBRACE || t == P::COLON || t == P::LPAREN;
}

// "an item", "a stage": the role of a name, for messages.
const char* nameRole(std::size_t ownerRule) {
  switch (ownerRule) {
    case P::RuleItemDecl:
      return "an item";
    case P::RuleHostDecl:
      return "a host";
    case P::RuleStageDecl:
      return "a stage";
    case P::RuleKindDecl:
      return "a kind";
    case P::RulePipelineDecl:
      return "a pipeline";
    case P::RuleResourceDecl:
      return "a resource";
    case P::RuleParamSpec:
      return "a param";
    case P::RuleField:
    case P::RuleKindMember:
      return "a field";
    default:
      return "a";
  }
}

bool inExpression(antlr4::RuleContext* ctx) {
  auto index = ctx->getRuleIndex();
  return index == P::RuleExpr || index == P::RuleAndExpr || index == P::RuleNotExpr ||
         index == P::RulePrimary || index == P::RuleMapEntry;
}

}  // namespace

void SyntaxErrorStrategy::beginDeclaration(antlr4::Parser* parser) {
  reset(parser);
  lastUnit_ = nullptr;
  declarationStart_ = parser->getInputStream()->index();
}

// An unterminated string swallows the rest of its line, often a closing
// bracket; what goes wrong after it in the same declaration is its echo.
bool SyntaxErrorStrategy::followsUnterminatedString(antlr4::Parser* parser) const {
  auto* tokens = parser->getTokenStream();
  for (std::size_t i = declarationStart_; i < tokens->index(); ++i) {
    const antlr4::Token* t = tokens->get(i);
    if (t->getType() == P::STRING && walk::isMalformed(t)) return true;
  }
  return false;
}

void SyntaxErrorStrategy::reportError(antlr4::Parser* parser,
                                      const antlr4::RecognitionException& e) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  report(parser, e.getOffendingToken(), Problem::Mismatch);
}

void SyntaxErrorStrategy::reportUnwantedToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  report(parser, parser->getCurrentToken(), Problem::Unwanted);
}

void SyntaxErrorStrategy::reportMissingToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  report(parser, parser->getCurrentToken(), Problem::Missing);
}

void SyntaxErrorStrategy::report(antlr4::Parser* parser, antlr4::Token* offending,
                                 Problem problem) {
  antlr4::ParserRuleContext* ctx = parser->getContext();
  // One error per field (or per declaration outside fields): what follows a
  // mistake in the same field is its echo, not a new mistake.
  const void* unit = nullptr;
  for (antlr4::RuleContext* c = ctx; c; c = parentOf(c)) {
    auto index = c->getRuleIndex();
    if (index == P::RuleField || index == P::RuleKindMember || index == P::RuleParamSpec ||
        index == P::RuleDeclaration || index == P::RuleEdgeStmt) {
      unit = c;
      break;
    }
  }
  if (unit && unit == lastUnit_) return;
  lastUnit_ = unit;
  ++errors_;
  if (walk::isMalformed(offending) || followsUnterminatedString(parser)) return;  // already said

  auto* tokens = parser->getTokenStream();
  antlr4::Token* prev = tokens->index() > 0 ? tokens->LT(-1) : nullptr;
  const std::size_t prevType = prev ? prev->getType() : P::EOF;
  const std::size_t found = offending ? offending->getType() : P::EOF;
  const std::string foundText = describeToken(offending);
  const auto here = walk::tokenRange(file_, offending);
  antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
  // A failed `name` is about the construct that wanted the name.
  antlr4::RuleContext* owner = ctx->getRuleIndex() == P::RuleName ? parentOf(ctx) : ctx;
  const std::size_t ownerRule =
      owner ? owner->getRuleIndex() : static_cast<std::size_t>(P::RuleDeclaration);

  // An operator without its right-hand side.
  switch (prevType) {
    case P::AMP:
    case P::PIPE:
    case P::BANG:
      if (inExpression(owner)) {
        diags_.report(DiagId::ExpectedOperand, here, "a condition", prev->getText(), foundText);
        return;
      }
      break;
    case P::EQ:
    case P::NEQ:
      diags_.report(DiagId::ExpectedOperand, here, "a string or a '$param'", prev->getText(),
                    foundText);
      return;
    case P::DOLLAR:
      diags_.report(DiagId::ExpectedOperand, here, "a param name", "$", foundText);
      return;
    case P::ARROW:
    case P::TILDE_ARROW:
      diags_.report(DiagId::ExpectedName, here, "a", prev->getText(), foundText);
      return;
    default:
      break;
  }

  // "run:" with no value, directly followed by the next field "timeout: 5s":
  // the parser took `timeout` for the value and stumbled on its ':'.
  if (found == P::COLON && prevType == P::ID && tokens->index() >= 3 &&
      tokens->LT(-2)->getType() == P::COLON && tokens->LT(-3)->getType() == P::ID) {
    diags_.report(DiagId::ExpectedValue, walk::tokenRange(file_, prev),
                  isConditionField(tokens->LT(-3)->getText()) ? "a condition" : "a value",
                  tokens->LT(-3)->getText(), describeToken(prev));
    return;
  }

  // `[a b]`: two elements without the comma between them.
  if (prev && has(expected, P::COMMA) && !has(expected, P::COLON) &&
      (prevType == P::ID || prevType == P::STRING || prevType == P::INT) &&
      (found == P::ID || found == P::STRING || found == P::INT) && inExpression(owner)) {
    auto& d = diags_.report(DiagId::MissingComma, afterToken(file_, prev), prev->getText(),
                            offending->getText());
    d.fixIts.push_back({afterToken(file_, prev), ","});
    return;
  }

  if (problem == Problem::Unwanted) {
    diags_.report(DiagId::UnexpectedToken, here, foundText);
    return;
  }

  // A field name not followed by ':'.
  if (auto* field = dynamic_cast<P::FieldContext*>(ctx); field && has(expected, P::COLON)) {
    // The "field name" is the second word of the previous field's value:
    // `if: a and b`, `run: echo hi`, `depends: a b`.
    const std::string word = nameOf(field->name());
    antlr4::Token* nameToken =
        field->name() && field->name()->ID() ? field->name()->ID()->getSymbol() : nullptr;
    std::size_t at = nameToken ? nameToken->getTokenIndex() : 0;
    antlr4::Token* before = at >= 1 ? tokens->get(at - 1) : nullptr;
    antlr4::Token* colon = at >= 2 ? tokens->get(at - 2) : nullptr;
    antlr4::Token* fieldToken = at >= 3 ? tokens->get(at - 3) : nullptr;
    bool sameLine = before && before->getLine() == nameToken->getLine();
    bool secondWord = sameLine && before->getType() == P::ID && colon &&
                      colon->getType() == P::COLON && fieldToken && fieldToken->getType() == P::ID;
    if (sameLine && (word == "and" || word == "or" || word == "not") &&
        (before->getType() == P::ID || before->getType() == P::RPAREN ||
         before->getType() == P::STRING)) {
      const char* op = word == "and" ? "&" : word == "or" ? "|" : "!";
      const auto wordRange = walk::tokenRange(file_, nameToken);
      auto& d = diags_.report(DiagId::WordOperator, wordRange, word, op);
      d.fixIts.push_back({wordRange, op});
      return;
    }
    if (secondWord) {
      const std::string ownerName = fieldToken->getText();
      if (ownerName == "depends") {
        auto& d =
            diags_.report(DiagId::MissingComma, afterToken(file_, before), before->getText(), word);
        d.fixIts.push_back({afterToken(file_, before), ","});
        return;
      }
      if (!isConditionField(ownerName)) {
        diags_.report(DiagId::UnquotedString, walk::tokenRange(file_, before), ownerName,
                      before->getText() + " " + word);
        return;
      }
    }
    // "depends = x": point at the '=' and offer to replace it.
    auto where = found == P::ASSIGN ? here : afterToken(file_, prev);
    auto& d = diags_.report(DiagId::ExpectedColonAfterField, where, nameOf(field->name()));
    d.fixIts.push_back({where, ":"});
    return;
  }

  // A missing name after a declaring keyword.
  if (prev && has(expected, P::ID) && !inExpression(owner) && ownerRule != P::RuleTypeAtom) {
    const char* what = nullptr;
    switch (prevType) {
      case P::ITEM:
        what = "an item";
        break;
      case P::HOST:
        what = "a host";
        break;
      case P::RESOURCE:
        what = "a kind";
        break;
      case P::KIND:
        what = "a kind";
        break;
      case P::PIPELINE:
        what = "a pipeline";
        break;
      case P::STAGE:
        what = "a stage";
        break;
      case P::PARAM:
        what = "a param";
        break;
      case P::IN:
      case P::OUT:
        what = "a field";
        break;
      default:
        break;
    }
    if (!what && ownerRule == P::RuleResourceDecl) what = "a resource";
    if (what) {
      diags_.report(DiagId::ExpectedName, here, what, prev->getText(), foundText);
      return;
    }
  }

  // Unclosed brackets: name the opener.
  for (std::size_t closer : {P::RBRACE, P::RBRACKET, P::RPAREN}) {
    if (!has(expected, closer)) continue;
    bool block = closer == P::RBRACE && !inExpression(ctx);
    // Reached the end of the file, the next declaration or stage, or the
    // closer of an enclosing bracket: this bracket was never closed.
    bool ended = endsConstruct(found) ||
                 (isCloser(found) && found != closer && openCount(ctx, found) > 0) ||
                 (found == P::STAGE && !(block && enclosing<P::PipelineDeclContext>(ctx) &&
                                         !enclosing<P::StageDeclContext>(ctx)));
    if (!ended) continue;
    antlr4::Token* opener = innermostOpener(ctx, closer);
    std::string what = block ? describeBlockOwner(ctx) : openerWhat(closer);
    diags_.report(DiagId::MissingClose, here, closerText(closer), what, foundText);
    if (opener)
      diags_.note(DiagId::ParenthesisHere, walk::tokenRange(file_, opener), opener->getText());
    return;
  }

  switch (ownerRule) {
    case P::RuleDeclaration:
      diags_.report(DiagId::ExpectedDeclaration, here, foundText);
      return;
    case P::RuleBlock:
    case P::RuleKindDecl:
    case P::RulePipelineDecl:
    case P::RuleKindMember:
    case P::RulePipelineMember:
      if (has(expected, P::RBRACE)) {
        diags_.report(DiagId::ExpectedFieldOrClose, here, describeBlockOwner(ctx), foundText);
        return;
      }
      break;
    case P::RuleEdgeStmt:
    case P::RuleEdgeEnd:
      if (has(expected, P::ARROW) && prev) {
        diags_.report(DiagId::ExpectedEdgeArrow, here, prev->getText(), foundText);
        return;
      }
      break;
    case P::RuleTypeExpr:
    case P::RuleTypeAtom:
      if (has(expected, P::ID)) {
        diags_.report(DiagId::ExpectedType, here, foundText);
        return;
      }
      break;
    default:
      break;
  }

  if (inExpression(owner) && prevType == P::COLON) {
    if (auto* field = enclosing<P::FieldContext>(ctx)) {
      std::string name = nameOf(field->name());
      diags_.report(DiagId::ExpectedValue, here, isConditionField(name) ? "a condition" : "a value",
                    name, foundText);
      return;
    }
  }

  diags_.report(DiagId::ExpectedToken, here, describeExpected(expected), foundText);
}

// Tokens that structure the file: never thrown away to make a rule fit, since
// they tell where a construct starts or ends. A closer counts only when a
// bracket of its kind is open; a stray one may be deleted.
static bool isStructural(antlr4::Parser* parser, std::size_t t) {
  if (isCloser(t)) return openCount(parser->getContext(), t) > 0;
  return isDeclarationKeyword(t) || isOpener(t) || t == P::COMMA || t == P::SEMI || t == P::COLON ||
         t == P::IN || t == P::OUT || t == P::STAGE || t == P::EOF;
}

void SyntaxErrorStrategy::sync(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  auto* input = parser->getInputStream();
  std::size_t la = input->LA(1);
  const auto& atn = parser->getInterpreter<antlr4::atn::ParserATNSimulator>()->atn;
  antlr4::misc::IntervalSet next = atn.nextTokens(atn.states[parser->getState()]);
  if (next.contains(la) || next.contains(antlr4::Token::EPSILON)) return;

  // Between the fields of a block: report, skip to the next field, separator
  // or closing brace, and let the block go on, so that one bad field does not
  // end the block (and turn its remaining fields into top-level errors).
  std::size_t rule = parser->getContext()->getRuleIndex();
  bool inBlock = rule == P::RuleBlock || rule == P::RuleKindDecl || rule == P::RulePipelineDecl;
  if (inBlock && !endsConstruct(la) && !isCloser(la) && la != P::STAGE) {
    beginErrorCondition(parser);
    report(parser, parser->getCurrentToken(), Problem::Mismatch);
    consumeToResyncPoint(parser);
    return;
  }
  // Leave a structural token for the rule's own match to fail on: that names
  // the missing piece ("expected '}' to close item 'a'") instead of
  // reporting the token as unwanted.
  if (isStructural(parser, la)) return;
  DefaultErrorStrategy::sync(parser);
}

antlr4::Token* SyntaxErrorStrategy::singleTokenDeletion(antlr4::Parser* parser) {
  if (isStructural(parser, parser->getInputStream()->LA(1))) return nullptr;
  return DefaultErrorStrategy::singleTokenDeletion(parser);
}

antlr4::Token* SyntaxErrorStrategy::recoverInline(antlr4::Parser* parser) {
  // `item host {}`: a keyword where a declaration's name belongs. Say so, and
  // take the keyword as the name so that the rest of the declaration parses.
  auto* input = parser->getInputStream();
  std::size_t la = input->LA(1);
  antlr4::RuleContext* ctx = parser->getContext();
  antlr4::RuleContext* nameOwner = ctx->getRuleIndex() == P::RuleName ? parentOf(ctx) : nullptr;
  if (nameOwner && nameOwner->getRuleIndex() != P::RuleEdgeEnd && isKeyword(la) && la != P::TRUE &&
      la != P::FALSE && isNameFollower(input->LA(2))) {
    antlr4::Token* keyword = parser->getCurrentToken();
    antlr4::RuleContext* owner = parentOf(parser->getContext());
    if (!inErrorRecoveryMode(parser)) {
      beginErrorCondition(parser);
      ++errors_;
      diags_.report(
          DiagId::KeywordAsName, walk::tokenRange(file_, keyword), keyword->getText(),
          nameRole(owner ? owner->getRuleIndex() : static_cast<std::size_t>(P::RuleItemDecl)));
    }
    parser->consume();
    return keyword;
  }
  return DefaultErrorStrategy::recoverInline(parser);
}

bool SyntaxErrorStrategy::singleTokenInsertion(antlr4::Parser* parser) {
  if (DefaultErrorStrategy::singleTokenInsertion(parser)) return true;
  // Declarations are parsed one at a time, so ANTLR does not know that the end
  // of one is followed by the next: if the missing token would end this
  // declaration and a new one starts here, conjure it.
  std::size_t la = parser->getInputStream()->LA(1);
  if (!endsConstruct(la)) return false;
  const auto& atn = parser->getInterpreter<antlr4::atn::ParserATNSimulator>()->atn;
  antlr4::atn::ATNState* current = atn.states[parser->getState()];
  if (current->transitions.empty()) return false;
  antlr4::atn::ATNState* next = current->transitions[0]->target;
  antlr4::misc::IntervalSet after = atn.nextTokens(next, parser->getContext());
  if (after.contains(antlr4::Token::EPSILON) || after.contains(antlr4::Token::EOF)) {
    reportMissingToken(parser);
    return true;
  }
  return false;
}

antlr4::misc::IntervalSet SyntaxErrorStrategy::getErrorRecoverySet(antlr4::Parser* parser) {
  auto set = DefaultErrorStrategy::getErrorRecoverySet(parser);
  for (std::size_t t : {P::IMPORT, P::PARAM, P::HOST, P::INVENTORY, P::ITEM, P::RESOURCE, P::KIND,
                        P::PIPELINE, P::STAGE})
    set.add(static_cast<ssize_t>(t));
  return set;
}

void SyntaxErrorStrategy::recover(antlr4::Parser* parser, std::exception_ptr) {
  auto* input = parser->getInputStream();
  // Never stop twice at the same place in the same state: that would loop.
  if (lastErrorIndex == static_cast<ssize_t>(input->index()) &&
      lastErrorStates.contains(parser->getState()) && input->LA(1) != P::EOF) {
    parser->consume();
  }
  lastErrorIndex = static_cast<ssize_t>(input->index());
  lastErrorStates.add(parser->getState());
  consumeToResyncPoint(parser);
}

// Skips to where parsing can sensibly resume: a separator, the next field
// ("name:"), a closing bracket of an enclosing construct, the next stage or
// declaration. Brackets opened while skipping are skipped whole.
void SyntaxErrorStrategy::consumeToResyncPoint(antlr4::Parser* parser) {
  auto* input = parser->getInputStream();
  int depth = 0;
  for (;;) {
    std::size_t t = input->LA(1);
    if (t == P::EOF || isDeclarationKeyword(t)) return;
    if (depth == 0) {
      if (t == P::STAGE) return;
      if (t == P::COMMA || t == P::SEMI || isCloser(t)) return;
      if (t == P::ID && input->LA(2) == P::COLON) return;
      if ((t == P::IN || t == P::OUT) && input->LA(2) == P::ID) return;
    }
    if (isOpener(t)) ++depth;
    if (isCloser(t)) --depth;
    parser->consume();
  }
}

}  // namespace magicc::syntax
