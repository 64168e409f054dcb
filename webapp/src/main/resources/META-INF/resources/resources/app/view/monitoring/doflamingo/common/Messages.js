/**
 * The pages' labels in the user's language, from the module's bundles
 * (<Flamingo2 path>/../doflamingo/locale/messages_<lang>.properties, UTF-8, the same files the
 * menu's names come from), English for any key a bundle lacks, the key itself past that.
 *
 * The language is Flamingo's configured one (config['default.locale'], ko_KR → ko), else ?lang= on
 * the standalone page, else the browser's; English when none of ko, ja, zh matches. The bundles are
 * read once, synchronously, when this class is defined, as Flamingo's own bundle.js does: views ask
 * for labels in initComponent, and Ext's loader defines this class before any view that requires it.
 */
Ext.define('Flamingo2.view.monitoring.doflamingo.common.Messages', {
    singleton: true,

    languages: ['en', 'ko', 'ja', 'zh'],

    constructor: function () {
        this.lang = this.pickLanguage();
        this.english = this.read('en');
        this.labels = this.lang === 'en' ? this.english : this.read(this.lang);
    },

    pickLanguage: function () {
        var wanted = [];
        if (window.config && config['default.locale']) wanted.push(config['default.locale']);
        var asked = /[?&]lang=([A-Za-z_-]+)/.exec(window.location.search);
        if (asked) wanted.push(asked[1]);
        wanted = wanted.concat(navigator.languages || [navigator.language || 'en']);
        for (var i = 0; i < wanted.length; i++) {
            var lang = String(wanted[i]).toLowerCase().split(/[_-]/)[0];
            if (this.languages.indexOf(lang) >= 0) return lang;
        }
        return 'en';
    },

    base: function () {
        return Ext.Loader.getPath('Flamingo2').replace(/\/?$/, '/') + '../doflamingo/locale/';
    },

    /** One bundle as a key → text map; empty (so English or the key shows) when it cannot be read. */
    read: function (lang) {
        var xhr = new XMLHttpRequest();
        try {
            xhr.open('GET', this.base() + 'messages_' + lang + '.properties', false);
            xhr.overrideMimeType('text/plain; charset=utf-8');
            xhr.send();
        } catch (e) {
            return {};
        }
        return xhr.status === 200 ? this.parse(xhr.responseText) : {};
    },

    /** java.util.Properties' format: comments, key=value or key: value, continuations, \uXXXX escapes. */
    parse: function (text) {
        var out = {}, lines = text.split(/\r?\n/), logical = '';
        function unescape(s) {
            return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, function (m, e) {
                if (e.length === 5) return String.fromCharCode(parseInt(e.substring(1), 16));
                return {t: '\t', n: '\n', r: '\r', f: '\f'}[e] || e;
            });
        }
        for (var i = 0; i < lines.length; i++) {
            var line = logical ? lines[i].replace(/^\s+/, '') : lines[i];
            var trailing = /(\\*)$/.exec(line)[1].length;
            if (trailing % 2 === 1) {
                logical += line.substring(0, line.length - 1);
                continue;
            }
            line = logical + line;
            logical = '';
            var trimmed = line.replace(/^\s+/, '');
            if (!trimmed || trimmed[0] === '#' || trimmed[0] === '!') continue;
            var m = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(trimmed);
            if (m) out[unescape(m[1])] = unescape(m[2]);
            else out[unescape(trimmed)] = '';
        }
        return out;
    },

    /**
     * The label of a key, its {0}, {1}… replaced by the further arguments. Labels are text: a view
     * that puts one into markup encodes it as it does any other text.
     */
    t: function (key) {
        var text = this.labels[key];
        if (text === undefined) text = this.english[key];
        if (text === undefined) return key;
        var args = arguments;
        return text.replace(/\{(\d+)\}/g, function (m, i) {
            var v = args[Number(i) + 1];
            return v === undefined ? m : String(v);
        });
    }
});
