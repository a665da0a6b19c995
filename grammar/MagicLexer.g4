// The tokens of the magic language (docs/language.md, "Lexical").
//
// This grammar is the specification of the token vocabulary. The parser is
// fed by compiler/syntax/Lexer.cpp, a hand-written lexer that produces exactly
// these token types with byte offsets (test/unit/lexer_equivalence_test.cpp
// checks the two agree); the generated lexer exists for that check.
lexer grammar MagicLexer;

IMPORT    : 'import';
PARAM     : 'param';
HOST      : 'host';
INVENTORY : 'inventory';
ITEM      : 'item';
RESOURCE  : 'resource';
KIND      : 'kind';
IN        : 'in';
OUT       : 'out';
PIPELINE  : 'pipeline';
STAGE     : 'stage';
TRUE      : 'true';
FALSE     : 'false';
MATCHES   : 'matches';

ARROW     : '->';
TILDE_ARROW : '~>';
EQ        : '==';
NEQ       : '!=';
LBRACE    : '{';
RBRACE    : '}';
LPAREN    : '(';
RPAREN    : ')';
LBRACKET  : '[';
RBRACKET  : ']';
COLON     : ':';
COMMA     : ',';
SEMI      : ';';
DOT       : '.';
BANG      : '!';
AMP       : '&';
PIPE      : '|';
DOLLAR    : '$';
QUESTION  : '?';
ASSIGN    : '=';

// 500ms 10s 5m 2h
DURATION  : DIGIT+ ('ms' | 's' | 'm' | 'h');
INT       : '-'? DIGIT+;
// A number glued to letters that are not a duration unit: "10sec", "5x".
BAD_NUMBER : DIGIT+ [A-Za-z_] [A-Za-z0-9_]*;

// Escapes and ${...} parts are decoded by the AST builder, which reports
// bad escapes at their own position. A multi-line string runs from three
// quotes to the next three (an escaped quote does not end it); the builder
// strips the common indentation of its lines.
STRING    : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"'
          | '"""' ('\\' . | ~'\\')*? '"""'
          ;
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])*;

ID        : [A-Za-z_] [A-Za-z0-9_]*;

COMMENT   : '#' ~[\r\n]* -> skip;
WS        : [ \t\r\n]+ -> skip;

// Anything else is one bad character; the parser reports it.
BAD_CHAR  : .;

fragment DIGIT : [0-9];
