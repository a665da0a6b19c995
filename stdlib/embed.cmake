# Writes a C++ source holding a text file as a string constant:
#   cmake -DINPUT=core.mm -DOUTPUT=CoreStdlib.cpp -DSYMBOL=kCoreSource -P embed.cmake
file(READ ${INPUT} content)
file(WRITE ${OUTPUT}
  "// Generated from ${INPUT} at build time; do not edit.\n"
  "namespace magicc::stdlib {\n"
  "extern const char ${SYMBOL}[];\n"
  "const char ${SYMBOL}[] = R\"__magic_stdlib__(${content})__magic_stdlib__\";\n"
  "}  // namespace magicc::stdlib\n")
