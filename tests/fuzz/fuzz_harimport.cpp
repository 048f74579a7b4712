// importHar (core/formats/harimport.h) on any bytes up to the 256 MiB the window reads of a HAR file.
// Properties, from harimport.h:
// - a failure names the place and gives no chains;
// - each chain is an http(s) request with a host, a method, none of the headers the engine writes itself
//   (HTTP/2 pseudo-headers, Host, Content-Length, Connection), named "METHOD URL".
#include "fuzzcheck.h"

#include "core/formats/harimport.h"

using namespace Rwb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024 * 1024)
        return -1;  // the window refuses a larger HAR file before parsing it
    const HarImportResult result = importHar(Fuzz::inputBytes(data, size));
    if (!result.error.isEmpty()) {
        Fuzz::check(result.chains.isEmpty(), "a failure gives no chains", result.error);
        return 0;
    }
    for (const HarChain &chain : result.chains) {
        const RequestSpec &r = chain.request;
        const QString scheme = r.url.scheme();
        Fuzz::check(r.url.isValid() && !r.url.host().isEmpty()
                        && (scheme == QLatin1String("http") || scheme == QLatin1String("https")),
                    "a chain starts with an http(s) URL with a host", r.url.toString());
        Fuzz::check(!r.method.isEmpty(), "a chain's request has a method");
        Fuzz::check(chain.name == QString::fromLatin1(r.method) + QLatin1Char(' ') + r.url.toString(),
                    "a chain is named by its method and URL", chain.name);
        for (const HeaderPair &h : r.headers) {
            const QByteArray name = h.first.toLower();
            Fuzz::check(!name.startsWith(':') && name != "host" && name != "content-length"
                            && name != "connection",
                        "no pseudo-header, Host, Content-Length or Connection", QString::fromUtf8(h.first));
        }
    }
    return 0;
}
