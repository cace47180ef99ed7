// Map for /melden (set a pin) and /karte (show reports). Progressive enhancement: the pages work without this
// script and without map tiles; the script adds the Leaflet map, fills the coordinate fields from the pin and asks
// the server for the nearest address and open reports nearby. No inline script or style (CSP).
(function () {
  'use strict';
  if (!window.L) { return; }

  function tiles(map, box) {
    var url = box.dataset.tiles;
    if (!url) { return; }
    var layer = L.tileLayer(url, { maxZoom: 19, attribution: box.dataset.attribution || '' });
    var warned = false;
    layer.on('tileerror', function () {
      if (warned || !box.dataset.noTiles) { return; }
      warned = true;
      var note = document.createElement('p');
      note.className = 'kern-body map-note';
      note.textContent = box.dataset.noTiles;
      box.appendChild(note);
    });
    layer.addTo(map);
  }

  function canvas(box, describedBy) {
    var el = document.createElement('div');
    el.className = 'map-canvas';
    el.setAttribute('role', 'application');
    el.setAttribute('aria-label', box.dataset.label || '');
    if (describedBy) { el.setAttribute('aria-describedby', describedBy); }
    box.appendChild(el);
    box.classList.add('map-ready');
    return el;
  }

  function center(box) {
    return [parseFloat(box.dataset.lat), parseFloat(box.dataset.lon)];
  }

  // --- /melden: the citizen sets a pin -------------------------------------------------------------------------
  function picker(box) {
    var form = box.closest('form');
    var lat = document.getElementById('Input_Latitude');
    var lon = document.getElementById('Input_Longitude');
    var category = document.getElementById('Input_CategoryId');
    var address = document.getElementById('Input_Location');
    var result = document.getElementById('ort-ergebnis');
    var shownFor = document.getElementById('Input_NearbyShownFor');
    var section = document.getElementById('in-der-naehe');
    var list = document.getElementById('in-der-naehe-liste');

    var help = document.createElement('p');
    help.className = 'kern-hint';
    help.id = box.id + '-hilfe';
    help.textContent = box.dataset.help || '';
    var el = canvas(box, help.id);
    box.appendChild(help);

    var map = L.map(el, { keyboard: true }).setView(center(box), parseInt(box.dataset.zoom, 10) || 15);
    tiles(map, box);
    var marker = null;

    function format(n) { return (Math.round(n * 1e6) / 1e6).toString(); }

    function place(latlng, pan) {
      if (!marker) {
        marker = L.marker(latlng, { draggable: true, title: box.dataset.markerTitle || '', alt: box.dataset.markerTitle || '' }).addTo(map);
        marker.on('dragend', function () { place(marker.getLatLng(), false); });
      } else {
        marker.setLatLng(latlng);
      }
      if (pan) { map.panTo(latlng); }
      lat.value = format(latlng.lat);
      lon.value = format(latlng.lng);
      lookup();
    }

    function lookup() {
      if (!marker) { return; }
      var p = marker.getLatLng();
      var url = box.dataset.placeUrl + '&lat=' + encodeURIComponent(p.lat) + '&lon=' + encodeURIComponent(p.lng) +
        (category && category.value ? '&kategorie=' + encodeURIComponent(category.value) : '');
      fetch(url, { headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.json(); })
        .then(function (answer) {
          if (!answer.inCity) {
            result.textContent = answer.message;
            nearby([], null);
            return;
          }
          // Same wording as the server's answer to "Ort prüfen": "Gewählter Ort: bei Am Sande 1 (Altstadt)."
          var near = answer.address ? (box.dataset.near || '{0}').replace('{0}', answer.address) : (box.dataset.city || '');
          result.textContent = (box.dataset.chosen || '{0}{1}').replace('{0}', near).replace('{1}', answer.district ? ' (' + answer.district + ')' : '');
          nearby(answer.nearby || [], answer.key);
        })
        .catch(function () { /* the server checks the place again when the form is sent */ });
    }

    function nearby(items, key) {
      if (!section || !list) { return; }
      list.textContent = '';
      items.forEach(function (item) {
        var li = document.createElement('li');
        li.className = 'kern-stack-xs';
        var a = document.createElement('a');
        a.className = 'kern-link';
        a.href = item.url;
        a.textContent = item.category + ' (' + item.reference + ')';
        var info = document.createElement('span');
        info.className = 'kern-body';
        info.textContent = ' ' + item.distance + ' · ' + item.status + ' · ' + item.date + ' · ' + item.supporters + ' ' + (box.dataset.supporters || '');
        var button = document.createElement('button');
        button.type = 'submit';
        button.className = 'kern-btn kern-btn--secondary kern-btn--small';
        button.setAttribute('formaction', '/melden?handler=Unterstuetzen');
        button.setAttribute('formnovalidate', '');
        button.name = 'support';
        button.value = item.reference;
        var label = document.createElement('span');
        label.className = 'kern-label';
        label.textContent = box.dataset.support || '';
        button.appendChild(label);
        li.appendChild(a);
        li.appendChild(info);
        li.appendChild(button);
        list.appendChild(li);
      });
      section.hidden = items.length === 0;
      if (shownFor) { shownFor.value = items.length > 0 && key ? key : ''; }
    }

    map.on('click', function (e) { place(e.latlng, false); });

    // Keyboard: arrows pan (Leaflet), Enter or Space puts the pin under the crosshair in the middle.
    el.addEventListener('keydown', function (e) {
      if ((e.key === 'Enter' || e.key === ' ') && e.target === el) {
        e.preventDefault();
        place(map.getCenter(), false);
      }
    });

    var buttons = document.createElement('div');
    buttons.className = 'kern-btn-wrapper';
    var centerButton = document.createElement('button');
    centerButton.type = 'button';
    centerButton.className = 'kern-btn kern-btn--tertiary';
    var centerLabel = document.createElement('span');
    centerLabel.className = 'kern-label';
    centerLabel.textContent = box.dataset.centerButton || '';
    centerButton.appendChild(centerLabel);
    centerButton.addEventListener('click', function () { place(map.getCenter(), false); });
    buttons.appendChild(centerButton);
    box.appendChild(buttons);

    function typed() {
      var a = parseFloat((lat.value || '').replace(',', '.'));
      var b = parseFloat((lon.value || '').replace(',', '.'));
      if (isFinite(a) && isFinite(b)) { place(L.latLng(a, b), true); }
    }
    lat.addEventListener('change', typed);
    lon.addEventListener('change', typed);
    if (category) { category.addEventListener('change', lookup); }

    // Address search: suggestions from the local gazetteer in a datalist; choosing one sets the pin there.
    if (address && box.dataset.searchUrl) {
      var options = document.createElement('datalist');
      options.id = 'adressvorschlaege';
      form.appendChild(options);
      address.setAttribute('list', options.id);
      var found = {};
      var timer = null;
      address.addEventListener('input', function () {
        var q = address.value;
        if (found[q]) {
          place(L.latLng(found[q][0], found[q][1]), true);
          return;
        }
        clearTimeout(timer);
        if (q.trim().length < 2) { return; }
        timer = setTimeout(function () {
          fetch(box.dataset.searchUrl + '&q=' + encodeURIComponent(q), { headers: { 'Accept': 'application/json' } })
            .then(function (r) { return r.json(); })
            .then(function (items) {
              options.textContent = '';
              items.forEach(function (item) {
                found[item.label] = [item.lat, item.lon];
                var o = document.createElement('option');
                o.value = item.label;
                options.appendChild(o);
              });
            })
            .catch(function () { });
        }, 200);
      });
    }

    if (box.dataset.pin && lat.value && lon.value) {
      var a = parseFloat(lat.value), b = parseFloat(lon.value);
      if (isFinite(a) && isFinite(b)) {
        marker = L.marker([a, b], { draggable: true, title: box.dataset.markerTitle || '', alt: box.dataset.markerTitle || '' }).addTo(map);
        marker.on('dragend', function () { place(marker.getLatLng(), false); });
      }
    }
  }

  // --- /karte and a report's page: markers for the listed reports ------------------------------------------------
  function view(box) {
    var el = canvas(box, null);
    var map = L.map(el).setView(center(box), parseInt(box.dataset.zoom, 10) || 14);
    tiles(map, box);
    if (box.dataset.marker) {
      L.marker(center(box), { title: box.dataset.markerTitle || '', alt: box.dataset.markerTitle || '', keyboard: false }).addTo(map);
      return;
    }
    var table = box.dataset.list ? document.getElementById(box.dataset.list) : null;
    if (!table) { return; }
    var points = [];
    table.querySelectorAll('tr[data-lat]').forEach(function (row) {
      var p = [parseFloat(row.dataset.lat), parseFloat(row.dataset.lon)];
      points.push(p);
      var m = L.marker(p, { title: row.dataset.title, alt: row.dataset.title }).addTo(map);
      m.on('click', function () { window.location.href = row.dataset.href; });
    });
    if (points.length > 0) { map.fitBounds(points, { maxZoom: 16, padding: [20, 20] }); }
  }

  document.querySelectorAll('.map-picker').forEach(picker);
  document.querySelectorAll('.map-view').forEach(view);
})();
