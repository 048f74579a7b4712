#include "core/http/trace.h"

#include <QStringDecoder>

#include <algorithm>
#include <cmath>

namespace Rwb {

bool hasHeader(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &h : headers) {
        if (name.compare(h.first, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &h : headers) {
        if (name.compare(h.first, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QList<QByteArray> headerValues(const HeaderList &headers, QByteArrayView name)
{
    QList<QByteArray> values;
    for (const auto &h : headers) {
        if (name.compare(h.first, Qt::CaseInsensitive) == 0)
            values.append(h.second);
    }
    return values;
}

int removeHeader(HeaderList &headers, QByteArrayView name)
{
    return int(headers.removeIf(
        [name](const HeaderPair &h) { return name.compare(h.first, Qt::CaseInsensitive) == 0; }));
}

void setHeader(HeaderList &headers, const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers) {
        if (name.compare(h.first, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({name, value});
}

int Trace::refreshCount() const
{
    int n = 0;
    for (const Hop &hop : hops) {
        if (hop.via == HopVia::RefreshHeader || hop.via == HopVia::MetaRefresh)
            ++n;
    }
    return n;
}

double Trace::pausedBeforeMs(int index) const
{
    double ms = 0;
    for (int i = 0; i <= index && i < hops.size(); ++i)
        ms += hops.at(i).pausedMs;
    return ms;
}

bool hasNote(const NoteList &notes, NoteCode code)
{
    return std::any_of(notes.cbegin(), notes.cend(), [code](const Note &n) { return n.is(code); });
}

bool hasNote(const NoteList &notes, const QString &code)
{
    for (const auto &n : notes) {
        if (n.code == code)
            return true;
    }
    return false;
}

QByteArray basicAuthorization(const QByteArray &userColonPassword)
{
    return "Basic " + userColonPassword.toBase64();
}

namespace {
struct KindName {
    OutcomeKind kind;
    const char *name;
};
constexpr KindName kKindNames[] = {
    {OutcomeKind::Final, "final"},
    {OutcomeKind::TooManyRedirects, "too-many-redirects"},
    {OutcomeKind::Loop, "loop"},
    {OutcomeKind::BlockedScheme, "blocked-scheme"},
    {OutcomeKind::InvalidLocation, "invalid-location"},
    {OutcomeKind::NetworkError, "network-error"},
    {OutcomeKind::Timeout, "timeout"},
    {OutcomeKind::TlsError, "tls-error"},
    {OutcomeKind::Stopped, "stopped"},
};
}  // namespace

QString outcomeKindName(OutcomeKind kind)
{
    for (const auto &k : kKindNames) {
        if (k.kind == kind)
            return QString::fromLatin1(k.name);
    }
    return {};
}

std::optional<OutcomeKind> outcomeKindFromName(const QString &name)
{
    for (const auto &k : kKindNames) {
        if (name == QLatin1String(k.name))
            return k.kind;
    }
    return std::nullopt;
}

bool isUtf8(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            // Only non-ASCII needs the check: valid UTF-8 survives a round trip unchanged.
            const QByteArray copy = bytes.toByteArray();
            return QString::fromUtf8(copy).toUtf8() == copy;
        }
    }
    return true;
}

QString headerText(QByteArrayView bytes)
{
    return isUtf8(bytes) ? QString::fromUtf8(bytes) : QString::fromLatin1(bytes);
}

QString headerDisplayText(QByteArrayView bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8.decode(bytes);  // a QString, so the decoding happens (and sets hasError())
    return utf8.hasError() ? QString::fromLatin1(bytes) : text;
}

double roundedMs(double ms)
{
    return std::round(ms * 1000.0) / 1000.0;
}

}  // namespace Rwb
