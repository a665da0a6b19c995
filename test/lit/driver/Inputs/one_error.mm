item a {
  depends b
}
