// Folds the main menu behind its button on narrow screens; the button says whether the menu is open.
(function () {
  var button = document.getElementById('main-menu-toggle');
  var menu = document.getElementById('main-menu');
  if (!button || !menu) {
    return;
  }
  document.documentElement.classList.add('menu-script');
  button.addEventListener('click', function () {
    var open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    menu.classList.toggle('open', open);
  });
})();
