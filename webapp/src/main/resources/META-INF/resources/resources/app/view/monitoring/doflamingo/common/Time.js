/**
 * Times as every page shows them: one format, the user's locale (Flamingo's configured one, else
 * the browser's), 24-hour where that locale says so. Chart axes, the Timeline's fields and its
 * range text all ask here, so the Overview and the Timeline never disagree on how 18:00 looks.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.Time', {
    singleton: true,

    constructor: function () {
        this.locale = this.pickLocale();
        var probe = new Intl.DateTimeFormat(this.locale, {hour: 'numeric'}).resolvedOptions();
        /** true when the locale writes 6 PM rather than 18:00 */
        this.hour12 = probe.hourCycle ? /h1[12]/.test(probe.hourCycle) : !!probe.hour12;
        this.formats = {};
    },

    /** Flamingo's default.locale (ko_KR → ko-KR), else the browser's first language. */
    pickLocale: function () {
        var wanted = [];
        if (window.config && config['default.locale']) wanted.push(String(config['default.locale']).replace('_', '-'));
        wanted = wanted.concat(navigator.languages || [navigator.language || 'en']);
        for (var i = 0; i < wanted.length; i++) {
            try {
                if (Intl.DateTimeFormat.supportedLocalesOf([wanted[i]]).length) return wanted[i];
            } catch (e) {
                // not a locale tag: the next one
            }
        }
        return 'en';
    },

    format: function (key, options) {
        return this.formats[key] || (this.formats[key] = new Intl.DateTimeFormat(this.locale, options));
    },

    /** 18:05 (or 6:05 PM); with seconds when asked. */
    time: function (ms, seconds) {
        return this.format(seconds ? 'hms' : 'hm', seconds ? {hour: 'numeric', minute: '2-digit', second: '2-digit'}
            : {hour: 'numeric', minute: '2-digit'}).format(new Date(ms));
    },

    /** The date alone, in the locale's short form. */
    date: function (ms) {
        return this.format('d', {year: 'numeric', month: '2-digit', day: '2-digit'}).format(new Date(ms));
    },

    /** Date and time: what a range's ends and the history's start read as. */
    dateTime: function (ms, seconds) {
        return this.date(ms) + ' ' + this.time(ms, seconds);
    },

    /**
     * The tick labels of a time axis (seconds since the epoch, uPlot's), one line each: times
     * (with seconds when ticks are under a minute apart); a tick on another day than the tick
     * before it (and the first one) also names its date when the axis spans more than one day.
     */
    ticks: function (splits, incrS) {
        var me = this, days = splits.length > 1 && me.date(splits[0] * 1000) !== me.date(splits[splits.length - 1] * 1000);
        var lastDay = null;
        return splits.map(function (s) {
            var ms = s * 1000, day = me.date(ms);
            var text = incrS >= 86400 ? day : me.time(ms, incrS < 60);
            if (days && incrS < 86400 && day !== lastDay) text = me.format('md', {month: '2-digit', day: '2-digit'}).format(new Date(ms)) + ' ' + text;
            lastDay = day;
            return text;
        });
    },

    /** The Ext format of a date field written as date() writes it (2026-12-03, 12/03/2026, 2026. 12. 03.). */
    extDateFormat: function () {
        var codes = {year: 'Y', month: 'm', day: 'd'};
        return this.format('d', {year: 'numeric', month: '2-digit', day: '2-digit'}).formatToParts(new Date(2026, 11, 3))
            .map(function (p) { return codes[p.type] || (p.type === 'literal' ? p.value.replace(/[A-Za-z\\]/g, '\\$&') : ''); }).join('');
    },

    /** The Ext format of a time field matching the locale's clock: H:i:s or g:i:s A. */
    extTimeFormat: function () {
        return this.hour12 ? 'g:i:s A' : 'H:i:s';
    },

    /**
     * The moment typed into a date field and a time field (midnight without a time), in epoch ms,
     * read from what is typed even before the fields have taken it (a button clicked or Enter
     * pressed with the cursor still in a field); null, after saying so, when it cannot be read.
     */
    typed: function (dateField, timeField) {
        var date = dateField.parseDate(Ext.String.trim(dateField.getRawValue() || ''));
        var rawTime = Ext.String.trim(timeField.getRawValue() || '');
        var time = rawTime ? timeField.parseDate(rawTime) : null;
        if (!Ext.isDate(date) || (rawTime && !time)) {
            Ext.toast(Ext.String.htmlEncode(Flamingo2.view.monitoring.doflamingo.common.Messages.t('doflamingo.timeline.badTime',
                dateField.getRawValue() + ' ' + rawTime)));
            return null;
        }
        var at = new Date(date.getTime());
        if (time) at.setHours(time.getHours(), time.getMinutes(), time.getSeconds(), 0);
        else at.setHours(0, 0, 0, 0);
        return at.getTime();
    }
});
