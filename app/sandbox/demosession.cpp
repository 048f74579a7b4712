#include "sandbox/demosession.h"

#include "sandbox/migration.h"

namespace Rwb {

namespace {

// The placeholders of a scenario's expectation texts, and the pattern that stands for each.
struct OriginPattern {
    const char *placeholder;
    const char *pattern;
};
constexpr OriginPattern kOriginPatterns[] = {
    {"{{origin}}", "http://127.0.0.1:*"},
    {"{{other}}", "http://localhost:*"},
    {"{{https}}", "https://localhost:*"},
};

bool namesOrigin(const QString &text)
{
    for (const OriginPattern &o : kOriginPatterns) {
        if (text.contains(QLatin1String(o.placeholder)))
            return true;
    }
    return false;
}

SessionItem demoCase(const SandboxScenario &scenario)
{
    SessionItem item;
    item.type = SessionItem::Type::Case;
    SessionCase &c = item.testCase;
    c.name = scenario.title;
    c.request.method = QString::fromLatin1(scenario.method);
    c.request.url = sandboxStartUrlTemplate(scenario);
    for (const HeaderPair &h : scenario.headers)
        c.request.headers.append({QString::fromLatin1(h.first), QString::fromUtf8(h.second), true});
    c.request.body = scenario.body;
    c.request.formBody = scenario.formBody;
    c.options = sandboxScenarioOptions(scenario, Profile::Browser);
    c.expectations = sandboxDemoExpectations(scenario, Profile::Browser);
    return item;
}

// The migration scenario's whole map as a bulk check: every line must take one 301 to its new page. It fails
// on purpose: the products of migrationFaults() are wrong.
SessionItem migrationBulkCase(const SandboxScenario &scenario)
{
    SessionItem item;
    item.type = SessionItem::Type::Case;
    SessionCase &c = item.testCase;
    c.name = QStringLiteral("Site migration: every line of the map (%1 wrong on purpose)")
                 .arg(migrationFaults().size());
    c.options = sandboxScenarioOptions(scenario, Profile::Browser);
    c.options.acceptTlsErrors = true;  // the map's https line is on the sandbox's self-signed listener
    c.bulk = SessionBulk();
    c.bulk->input = QStringLiteral("{{%1}}/migration/map.csv").arg(QLatin1String(kSandboxVariable));
    c.bulk->noDowngrade = true;
    return item;
}

}  // namespace

QList<Expectation> sandboxDemoExpectations(const SandboxScenario &scenario, Profile profile)
{
    QList<Expectation> out;
    for (Expectation e : scenario.expectations.value(profile)) {
        if (namesOrigin(e.text)) {
            if (e.kind != ExpectationKind::FinalUrl)
                continue;
            for (const OriginPattern &o : kOriginPatterns)
                e.text.replace(QLatin1String(o.placeholder), QLatin1String(o.pattern));
            e.match = Expectation::Match::Pattern;
        }
        out.append(e);
    }
    return out;
}

Session sandboxDemoSession()
{
    Session session;
    session.name = QStringLiteral("Redirect sandbox demo");
    const int port = kSandboxDemoPort;
    session.variables = sandboxVariables({QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)),
                                          QUrl(QStringLiteral("http://localhost:%1").arg(port + 1)),
                                          QUrl(QStringLiteral("https://localhost:%1").arg(port + 2))});
    for (const SandboxScenario &scenario : builtinScenarios()) {
        SessionItem *folder = nullptr;
        for (SessionItem &item : session.items) {
            if (item.type == SessionItem::Type::Folder && item.name == scenario.group)
                folder = &item;
        }
        if (!folder) {
            SessionItem created;
            created.type = SessionItem::Type::Folder;
            created.name = scenario.group;
            session.items.append(created);
            folder = &session.items.last();
        }
        folder->children.append(demoCase(scenario));
        if (scenario.id == QLatin1String("migration"))
            folder->children.append(migrationBulkCase(scenario));
    }
    return session;
}

}  // namespace Rwb
