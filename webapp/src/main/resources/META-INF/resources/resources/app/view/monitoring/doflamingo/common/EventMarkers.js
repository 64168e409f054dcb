/**
 * Events on a chart: which events belong to a chart's series, and a uPlot plugin that marks each at
 * its moment with a thin vertical line and a small icon at the top of the plot (hover: the event in
 * words; click: the chart fires 'eventclick' with the event). Markers are DOM elements over the plot,
 * their words set as text (textContent, title), never as markup: event labels are names from the
 * monitored systems.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.EventMarkers', {
    singleton: true,
    requires: ['Flamingo2.view.monitoring.doflamingo.common.Time'],

    /** Labels that name a whole cluster, ensemble or agent rather than one member. */
    clusterLabels: ['cluster', 'ensemble', 'agent'],
    icons: {INFO: 'i', WARNING: '!', CRITICAL: '‼'},
    /** An icon's size (doflamingo.css), and the step between stacked ones. */
    iconPx: 15,

    /**
     * Whether an event is about one of these series (each {labels}): every label both carry agrees,
     * and they share a member label (broker, topic, group ...), or the event names no member (a
     * cluster-wide event such as a controller move, or Doflamingo's own start and stop, which have
     * no labels and belong to every chart).
     */
    belongs: function (event, series) {
        var me = this, keys = Object.keys(event.labels || {});
        var members = keys.filter(function (k) { return me.clusterLabels.indexOf(k) < 0; });
        return series.some(function (s) {
            var shared = keys.filter(function (k) { return s.labels[k] !== undefined; });
            if (!shared.every(function (k) { return s.labels[k] === event.labels[k]; })) return false;
            if (members.length === 0) return true;
            return shared.some(function (k) { return me.clusterLabels.indexOf(k) < 0; });
        });
    },

    /** The entity of an event in words: its labels as key=value, the cluster first. */
    entity: function (event) {
        var me = this, labels = event.labels || {};
        return Object.keys(labels).sort(function (a, b) {
            return (me.clusterLabels.indexOf(b) >= 0) - (me.clusterLabels.indexOf(a) >= 0) || (a < b ? -1 : a > b ? 1 : 0);
        }).map(function (k) { return k + '=' + labels[k]; }).join(' ');
    },

    /** before → after, or '' when the event has neither. */
    change: function (event) {
        if (event.before === null && event.after === null) return '';
        if (event.before === undefined && event.after === undefined) return '';
        return (event.before === null || event.before === undefined ? '–' : event.before) + ' → '
            + (event.after === null || event.after === undefined ? '–' : event.after);
    },

    /** The event in one paragraph of plain text (a marker's hover, a list row's tooltip). */
    describe: function (event) {
        var Time = Flamingo2.view.monitoring.doflamingo.common.Time, parts = [Time.dateTime(event.time, true), event.severity, event.kind];
        var entity = this.entity(event), change = this.change(event);
        if (entity) parts.push(entity);
        if (change) parts.push(change);
        if (event.count > 1) parts.push('×' + event.count + (event.members && event.members.length ? ': '
            + event.members.slice(0, 10).join(', ') + (event.members.length > 10 ? ' …' : '') : ''));
        if (event.message) parts.push(event.message);
        return parts.join(' · ');
    },

    /**
     * A uPlot plugin drawing chart.markedEvents ({time, severity, id, ...}) over the plot; call
     * EventMarkers.place(u) again when they change. chart.selectedEvent (an id) is drawn selected.
     */
    plugin: function (chart) {
        var me = this;
        return {
            hooks: {
                ready: [function (u) { me.place(u, chart); }],
                setSize: [function (u) { me.place(u, chart); }],
                setScale: [function (u, key) { if (key === 'x') me.place(u, chart); }]
            }
        };
    },

    /**
     * Puts chart.markedEvents' markers where their moments are now. A marker already drawn is moved,
     * not made anew: a layout pass (a resize) may run between a mouse press and release on it, and
     * a click needs both on the same element.
     */
    place: function (u, chart) {
        var me = this, layer = u.over.querySelector('.doflamingo-event-layer');
        if (!layer) {
            layer = document.createElement('div');
            layer.className = 'doflamingo-event-layer';
            u.over.appendChild(layer);
        }
        var drawn = {};
        Array.prototype.forEach.call(layer.childNodes, function (m) { drawn[m.getAttribute('data-event-id')] = m; });
        var min = u.scales.x.min, max = u.scales.x.max, lastLeft = -Infinity, stacked = 0;
        // oldest first, so that icons too close to tell apart stack downwards instead of hiding each other
        (chart.markedEvents || []).slice().sort(function (a, b) { return a.time - b.time; }).forEach(function (event) {
            var t = event.time / 1000;
            if (min === null || max === null || t < min || t > max || drawn[event.id] === null) return;
            var marker = drawn[event.id] || me.marker(chart, event, layer);
            drawn[event.id] = null; // kept (and a second event with the same id is not drawn twice)
            var left = Math.round(u.valToPos(t, 'x'));
            stacked = left - lastLeft < me.iconPx ? stacked + 1 : 0;
            lastLeft = left;
            marker.className = 'doflamingo-event-marker doflamingo-event-' + String(event.severity).toLowerCase()
                + (event.id === chart.selectedEvent ? ' doflamingo-event-selected' : '');
            marker.style.left = left + 'px';
            marker.firstChild.style.top = (stacked % 4) * me.iconPx + 'px';
        });
        Object.keys(drawn).forEach(function (id) { if (drawn[id]) layer.removeChild(drawn[id]); });
    },

    marker: function (chart, event, layer) {
        var marker = document.createElement('div');
        marker.setAttribute('data-event-id', event.id);
        var icon = document.createElement('div');
        icon.className = 'doflamingo-event-icon';
        icon.textContent = this.icons[event.severity] || 'i';
        icon.title = this.describe(event);
        icon.addEventListener('mousedown', function (e) { e.stopPropagation(); }); // not the start of a zoom drag
        icon.addEventListener('click', function (e) {
            e.stopPropagation();
            chart.fireEvent('eventclick', chart, event);
        });
        marker.appendChild(icon);
        layer.appendChild(marker);
        return marker;
    }
});
