// The syntax of the magic language, v0 (docs/language.md).
//
// Kept free of actions: compiler/syntax/AstBuilder.cpp turns the parse tree
// into the AST. Fields of every block share one rule (`field`); which names a
// block accepts and whether a value is a condition is decided by the builder,
// so that half-typed input still yields a tree the language server can use.
parser grammar MagicParser;

options { tokenVocab = MagicLexer; }

program     : declaration* EOF;

declaration
    : importDecl
    | paramDecl
    | hostDecl
    | inventoryDecl
    | itemDecl
    | resourceDecl
    | kindDecl
    | pipelineDecl
    | edgeStmt
    ;

importDecl    : IMPORT STRING;
inventoryDecl : INVENTORY STRING;
paramDecl     : PARAM paramSpec;
hostDecl      : HOST name block;
itemDecl      : ITEM name block;
resourceDecl  : RESOURCE kindName=name resName=name block;

// param name: type [matches "re"] [= default]
paramSpec   : name COLON typeExpr (MATCHES STRING)? (ASSIGN expr)?;

kindDecl    : KIND name LBRACE kindMember* RBRACE;
kindMember  : (IN | OUT) name COLON typeExpr (ASSIGN expr)? separator?
            | field separator?
            ;

pipelineDecl: PIPELINE name LPAREN paramList? RPAREN LBRACE pipelineMember* RBRACE;
paramList   : paramSpec (COMMA paramSpec)* COMMA?;
pipelineMember
            : stageDecl separator?
            | field separator?
            ;
stageDecl   : STAGE name block;

// a -> b ~> c, or a.out -> b.in
edgeStmt    : edgeEnd (edgeOp edgeEnd)+;
edgeEnd     : name (DOT name)?;
edgeOp      : ARROW | TILDE_ARROW;

block       : LBRACE (field separator?)* RBRACE;
field       : name COLON expr;
separator   : COMMA | SEMI;

// Types: bool int string duration secret list[T] map[T], "a" | "b", T?
typeExpr    : typeAtom QUESTION?;
typeAtom    : name (LBRACKET typeExpr RBRACKET)?
            | STRING (PIPE STRING)*
            ;

// Values and conditions share one expression grammar: ! binds tighter than &,
// & tighter than |; a comparison binds tighter than !, so `!a == "x"` is
// `!(a == "x")`. The builder rejects operators where a plain value belongs.
// (Comparison and negation share a rule, and names are inlined, to keep the
// rule depth of a plain value small: the parser's cost is per rule entered.)
expr        : andExpr (PIPE andExpr)*;
andExpr     : notExpr (AMP notExpr)*;
notExpr     : BANG* primary ((EQ | NEQ) primary)?;
primary     : LPAREN expr RPAREN                      # parenExpr
            | (TRUE | FALSE)                          # boolLit
            | STRING                                  # stringLit
            | INT                                     # intLit
            | DURATION                                # durationLit
            | DOLLAR name                             # paramRef
            | ID (DOT anyName)*                       # nameRef
            | LBRACKET (expr (COMMA expr)* COMMA?)? RBRACKET   # listLit
            | LBRACE (mapEntry separator?)* RBRACE    # mapLit
            ;
mapEntry    : (anyName | STRING) COLON expr;

// Declaration and field names are plain identifiers; keywords other than
// true/false may still appear after a dot and as map keys.
name        : ID;
anyName     : ID | IMPORT | PARAM | HOST | INVENTORY | ITEM | RESOURCE | KIND
            | IN | OUT | PIPELINE | STAGE | MATCHES
            ;
