item a {
  depends get_up
