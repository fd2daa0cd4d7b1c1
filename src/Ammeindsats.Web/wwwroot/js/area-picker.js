// The invite page's area checkboxes: a search field that hides the areas whose name or code does not match, and a
// count of the chosen areas. Without script the full list is shown and works the same.
(function () {
  var picker = document.getElementById('area-picker');
  var filterBox = document.querySelector('.area-picker-filter');
  var filter = document.getElementById('area-filter');
  var count = document.getElementById('area-picker-count');
  if (!picker || !filterBox || !filter || !count) {
    return;
  }
  filterBox.hidden = false;
  var template = count.getAttribute('data-template') || '{0}';
  function updateCount() {
    var chosen = picker.querySelectorAll('input[type=checkbox]:checked').length;
    count.textContent = template.replace('{0}', String(chosen));
  }
  filter.addEventListener('input', function () {
    var text = filter.value.trim().toLocaleLowerCase('da');
    picker.querySelectorAll('[data-area-name]').forEach(function (row) {
      var name = (row.getAttribute('data-area-name') || '').toLocaleLowerCase('da');
      row.hidden = text !== '' && name.indexOf(text) < 0;
    });
    picker.querySelectorAll('.area-picker-group').forEach(function (group) {
      group.hidden = group.querySelectorAll('[data-area-name]:not([hidden])').length === 0;
    });
  });
  picker.addEventListener('change', updateCount);
  updateCount();
})();
