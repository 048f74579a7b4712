// Helpers shared by the engine integration tests: run a trace to its end on the test's event loop.
#pragma once

#include "core/engine/engine.h"

#include <QSignalSpy>
#include <QTest>

namespace Rwb::Test {

inline RequestSpec request(const QUrl &url, const QByteArray &method = QByteArrayLiteral("GET"),
                           const QByteArray &body = QByteArray(), const HeaderList &headers = {})
{
    RequestSpec r;
    r.url = url;
    r.method = method;
    r.body = body;
    r.headers = headers;
    return r;
}

inline Options profileOptions(Profile profile)
{
    Options o;
    o.profile = profile;
    o.timeoutMs = 10000;
    return o;
}

// Starts the trace and waits (event loop running) until the engine reports finished.
inline bool runToEnd(Engine &engine, const RequestSpec &spec, const Options &options, int timeoutMs = 20000)
{
    QSignalSpy finished(&engine, &Engine::finished);
    engine.start(spec, options);
    if (finished.isEmpty() && !finished.wait(timeoutMs))
        return false;
    return finished.size() == 1;
}

// The message of the hop's first note with `code`; empty when it has none.
inline QString noteText(const Hop &hop, NoteCode code)
{
    for (const Note &n : hop.notes) {
        if (n.is(code))
            return n.message;
    }
    return {};
}

inline QStringList noteCodes(const Hop &hop)
{
    QStringList codes;
    for (const Note &n : hop.notes)
        codes << n.code;
    return codes;
}

}  // namespace Rwb::Test
