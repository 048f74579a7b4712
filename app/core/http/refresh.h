#pragma once

#include "core/http/requestcontext.h"
#include "core/http/trace.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Rwb {

// A declarative refresh: the `Refresh` header or <meta http-equiv="refresh" content="...">, read by the HTML
// standard's "shared declarative refresh steps" (docs/spec/refresh.md). Pure: no I/O, no clock.
struct RefreshDirective {
    qint64 delayMs = 0;   // the whole seconds given, in ms (fractional digits are read and ignored)
    QUrl url;             // resolved against the page's URL; the page's URL itself when none was given
    bool hasUrl = false;  // false: "reload" (no URL in the value)
    QString value;        // the content as given
};

// The shared declarative refresh steps over `value` for a document at `base`. Nothing when the value is
// not one (no digits and no '.', junk after the time, a URL that does not parse).
std::optional<RefreshDirective> parseRefresh(QStringView value, const QUrl &base);

// What a page's own markup says that matters to its navigations, as a browser parsing it would see it.
struct PageScan {
    QStringList metaRefreshes;  // the content of each <meta http-equiv=refresh content=...>, in order
    std::optional<ReferrerPolicy> metaReferrerPolicy;  // the last <meta name=referrer> with a known policy
    // An inline script assigning location (location = ..., location.href = ..., location.replace(...),
    // window.location..., document.location...): the first one's text, and its target when it is a string
    // literal (unresolved).
    std::optional<QString> scriptNavigation;
    QString scriptTarget;
};

// How much of a body is scanned, as a browser's prescan looks at the start of a document only. The engine
// keeps a preview of each body of up to Options::bodyPreviewCap (64 KiB by default) in any case.
constexpr qsizetype kPageScanLimit = 64 * 1024;

// Scans the first kPageScanLimit bytes of an HTML body. Tolerant: unclosed tags and comments end the scan.
PageScan scanHtml(QByteArrayView body);

// Whether a response's body is HTML: Content-Type text/html or application/xhtml+xml, or no Content-Type
// and a body that the MIME Sniffing standard's HTML patterns recognise (<!DOCTYPE HTML, <html, <head, ...).
bool isHtmlResponse(const HeaderList &headers, QByteArrayView body);

// The refresh a browser would do for a response at `base`, of the Refresh header and the meta refreshes of an
// HTML body that parse: the one with the shortest delay, the later one on a tie (Chromium 156; the HTML
// standard takes the first). Nothing when there is none.
struct FoundRefresh {
    HopVia via = HopVia::RefreshHeader;  // RefreshHeader or MetaRefresh
    RefreshDirective directive;
};
std::optional<FoundRefresh> findRefresh(const HeaderList &responseHeaders, QByteArrayView body,
                                        const QUrl &base);

}  // namespace Rwb
