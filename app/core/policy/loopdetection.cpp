// Loop detection: a request is identified by method, URL and body, and a redirect to a request the chain
// already sent is a loop (RFC 9110 §15.4: a client SHOULD detect cyclical redirections).
#include "core/http/origin.h"
#include "private/policy_p.h"

#include <QCryptographicHash>

namespace Rwb {

QByteArray requestKey(const RequestSpec &request)
{
    // http://a:80 and http://a/ are the same request on the wire: compare them as such.
    QUrl url = request.url.adjusted(QUrl::RemoveFragment);
    removeDefaultPort(url);
    if ((url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
        && url.path().isEmpty())
        url.setPath(QStringLiteral("/"));
    QByteArray key = request.method + ' ' + url.toEncoded();
    if (!request.body.isEmpty())
        key += ' ' + QCryptographicHash::hash(request.body, QCryptographicHash::Sha1).toHex();
    return key;
}

bool detectLoop(const Options &options, const ChainContext &context, const RequestSpec &next,
                const QByteArray &key, Decision &d)
{
    const int earlier = context.firstHopSent(key);
    if (earlier < 0)
        return false;
    const QString msg = QStringLiteral("Loop: hop %1 repeats hop %2 (%3 %4)")
                            .arg(context.sentCount())
                            .arg(earlier)
                            .arg(methodName(next.method), next.url.toDisplayString());
    if (!options.loopDetect) {
        d.notes.append({NoteCode::Loop, msg + QStringLiteral("; following on, as the client would")});
        return false;
    }
    d.kind = Decision::Kind::Stop;
    d.outcome = OutcomeKind::Loop;
    d.repeatsHop = earlier;
    d.message = msg;
    d.notes.append({NoteCode::Loop, msg});
    d.next = next;
    return true;
}

}  // namespace Rwb
