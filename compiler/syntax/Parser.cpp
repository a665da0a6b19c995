#include "syntax/Parser.h"

#include <BailErrorStrategy.h>
#include <CommonTokenStream.h>
#include <Exceptions.h>
#include <atn/ParserATNSimulator.h>
#include <atn/PredictionMode.h>

#include <array>

#include "MagicParser.h"
#include "support/Suggest.h"
#include "syntax/AstBuilder.h"
#include "syntax/DeclarationTokenStream.h"
#include "syntax/Lexer.h"
#include "syntax/ParseTreeWalk.h"
#include "syntax/SyntaxErrorStrategy.h"
#include "syntax/TokenNames.h"

namespace magicc::syntax {

using P = grammar::MagicParser;
using diag::DiagId;

namespace {

constexpr std::array<std::string_view, 8> kDeclarationKeywords = {
    "import", "param", "host", "inventory", "item", "resource", "kind", "pipeline"};

bool startsEdge(antlr4::TokenStream& tokens) {
  auto next = tokens.LA(2);
  return tokens.LA(1) == P::ID && (next == P::ARROW || next == P::TILDE_ARROW || next == P::DOT);
}

// Where a new declaration plausibly starts after garbage.
bool isResyncPoint(antlr4::TokenStream& tokens) {
  auto t = tokens.LA(1);
  if (t == P::EOF || isDeclarationKeyword(t)) return true;
  return startsEdge(tokens) && tokens.LT(1)->getCharPositionInLine() == 0;
}

class FileParser {
 public:
  FileParser(const source::SourceManager& sources, source::FileId file,
             diag::DiagnosticEngine& diags)
      : file_(file),
        diags_(diags),
        lexer_(sources.text(file), file, diags),
        tokens_(&lexer_),
        parser_(&tokens_),
        strategy_(std::make_shared<SyntaxErrorStrategy>(file, diags)),
        bail_(std::make_shared<antlr4::BailErrorStrategy>()),
        builder_(file, diags) {
    parser_.removeErrorListeners();
  }

  std::unique_ptr<Module> parse() {
    auto module = std::make_unique<Module>();
    module->file = file_;
    while (tokens_.LA(1) != P::EOF) {
      if (!checkDeclarationStart()) {
        skipToNextDeclaration();
        continue;
      }
      if (auto decl = parseDeclaration()) module->decls.push_back(std::move(decl));
      // The AST holds all we need; ANTLR's tree and tokens for this declaration can go.
      parser_.getTreeTracker().reset();
      tokens_.releaseBefore(tokens_.index());
    }
    return module;
  }

  ExprPtr parseCondition() {
    auto* simulator = parser_.getInterpreter<antlr4::atn::ParserATNSimulator>();
    simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
    parser_.setErrorHandler(strategy_);
    strategy_->beginDeclaration(&parser_);
    std::size_t before = diags_.errorCount();
    P::ExprContext* ctx = parser_.expr();
    if (tokens_.LA(1) != P::EOF && diags_.errorCount() == before)
      diags_.report(DiagId::UnexpectedToken, walk::tokenRange(file_, tokens_.LT(1)),
                    describeToken(tokens_.LT(1)));
    if (diags_.errorCount() != before) return nullptr;
    return builder_.buildCondition(ctx);
  }

 private:
  // Reports what cannot start a declaration; true when parsing can proceed.
  bool checkDeclarationStart() {
    antlr4::Token* t = tokens_.LT(1);
    if (isDeclarationKeyword(t->getType())) return true;
    if (t->getType() == P::ID) {
      if (startsEdge(tokens_)) return true;
      std::string word = t->getText();
      if (auto keyword = support::closestMatch(word, kDeclarationKeywords)) {
        diags_.report(DiagId::UnknownDeclaration, walk::tokenRange(file_, t), word, *keyword);
        return false;
      }
      return true;  // parsed as an edge, which reports a missing '->'
    }
    if (t->getType() == P::STAGE)
      diags_.report(DiagId::StageOutsidePipeline, walk::tokenRange(file_, t));
    else
      diags_.report(DiagId::ExpectedDeclaration, walk::tokenRange(file_, t), describeToken(t));
    return false;
  }

  void skipToNextDeclaration() {
    do {
      tokens_.consume();
    } while (!isResyncPoint(tokens_));
  }

  std::unique_ptr<Decl> parseDeclaration() {
    std::size_t start = tokens_.index();
    auto* simulator = parser_.getInterpreter<antlr4::atn::ParserATNSimulator>();
    P::DeclarationContext* ctx = nullptr;
    bool errors = false;
    try {
      simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
      parser_.setErrorHandler(bail_);
      ctx = parser_.declaration();
    } catch (const antlr4::ParseCancellationException&) {
      // SLL failed: either a real error or a decision that needs full LL.
      tokens_.seek(start);
      simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
      parser_.setErrorHandler(strategy_);
      strategy_->beginDeclaration(&parser_);
      std::size_t before = strategy_->errorsReported();
      ctx = parser_.declaration();
      errors = strategy_->errorsReported() > before;
      if (tokens_.index() == start) tokens_.consume();  // always make progress
    }
    return builder_.build(ctx, errors);
  }

  source::FileId file_;
  diag::DiagnosticEngine& diags_;
  Lexer lexer_;
  DeclarationTokenStream tokens_;
  P parser_;
  std::shared_ptr<SyntaxErrorStrategy> strategy_;
  std::shared_ptr<antlr4::BailErrorStrategy> bail_;
  AstBuilder builder_;
};

}  // namespace

ExprPtr parseCondition(const source::SourceManager& sources, source::FileId file,
                       diag::DiagnosticEngine& diags) {
  FileParser parser(sources, file, diags);
  return parser.parseCondition();
}

std::unique_ptr<Module> parseFile(const source::SourceManager& sources, source::FileId file,
                                  diag::DiagnosticEngine& diags) {
  FileParser parser(sources, file, diags);
  return parser.parse();
}

}  // namespace magicc::syntax
