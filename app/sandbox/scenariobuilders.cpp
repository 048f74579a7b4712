#include "private/scenariobuilders_p.h"

namespace Rwb::ScenarioBuilders {

SandboxRule redirect(const QByteArray &path, int status, const QByteArray &location, const char *description)
{
    SandboxRule r;
    r.path = QString::fromUtf8(path);
    r.status = status;
    r.location = QString::fromUtf8(location);
    r.description = QString::fromUtf8(description);
    return r;
}

SandboxRule page(const QByteArray &path, int status, const char *html, const char *description)
{
    SandboxRule r;
    r.path = QString::fromUtf8(path);
    r.status = status;
    r.body = QByteArray(html) + '\n';
    r.contentType = QStringLiteral("text/html; charset=utf-8");
    r.description = QString::fromUtf8(description);
    return r;
}

SandboxRule withHeader(SandboxRule rule, const char *name, const char *value)
{
    rule.headers.append({QString::fromUtf8(name), QString::fromUtf8(value)});
    return rule;
}

SandboxRule withMethod(SandboxRule rule, const char *method)
{
    rule.method = QString::fromLatin1(method);
    return rule;
}

Expectation statuses(std::initializer_list<int> list)
{
    Expectation e;
    e.kind = ExpectationKind::StatusSequence;
    e.statuses = QList<int>(list);
    return e;
}

Expectation finalUrl(const QByteArray &url)
{
    Expectation e;
    e.kind = ExpectationKind::FinalUrl;
    e.text = QString::fromUtf8(url);
    return e;
}

Expectation finalMethod(const char *method)
{
    Expectation e;
    e.kind = ExpectationKind::FinalMethod;
    e.text = QString::fromLatin1(method);
    return e;
}

Expectation hopCount(int n)
{
    Expectation e;
    e.kind = ExpectationKind::HopCount;
    e.number = n;
    return e;
}

Expectation hopLocation(int hop, const char *location)
{
    Expectation e;
    e.kind = ExpectationKind::HopLocation;
    e.number = hop;
    e.text = QString::fromUtf8(location);
    return e;
}

Expectation outcome(OutcomeKind kind)
{
    Expectation e;
    e.kind = ExpectationKind::Outcome;
    e.text = outcomeKindName(kind);
    return e;
}

Expectation cookieSet(const char *name)
{
    Expectation e;
    e.kind = ExpectationKind::CookieSet;
    e.text = QString::fromUtf8(name);
    return e;
}

Expectation simple(ExpectationKind kind)
{
    Expectation e;
    e.kind = kind;
    return e;
}

void expectAll(SandboxScenario &s, const QList<Expectation> &list)
{
    for (Profile p : allProfiles())
        s.expectations[p] += list;
}

SandboxScenario scenario(const char *id, const char *title, const char *description)
{
    SandboxScenario s;
    s.id = QString::fromLatin1(id);
    s.title = QString::fromUtf8(title);
    s.description = QString::fromUtf8(description);
    return s;
}

void setFormPost(SandboxScenario &s, const char *body)
{
    s.method = QByteArrayLiteral("POST");
    s.body = QByteArray(body);
    s.formBody = true;
}

}  // namespace Rwb::ScenarioBuilders
