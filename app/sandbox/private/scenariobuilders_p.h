#pragma once

#include "sandbox/scenarios.h"

#include <initializer_list>

// Short builders for the catalogue of built-in scenarios (scenarios.cpp): rules and expectations in one
// line each, so that each scenario reads as what it serves and what each profile sees.
namespace Rwb::ScenarioBuilders {

SandboxRule redirect(const QByteArray &path, int status, const QByteArray &location, const char *description);
SandboxRule page(const QByteArray &path, int status, const char *html, const char *description);
SandboxRule withHeader(SandboxRule rule, const char *name, const char *value);
SandboxRule withMethod(SandboxRule rule, const char *method);
Expectation statuses(std::initializer_list<int> list);
Expectation finalUrl(const QByteArray &url);
Expectation finalMethod(const char *method);
Expectation hopCount(int n);
Expectation hopLocation(int hop, const char *location);
Expectation outcome(OutcomeKind kind);
Expectation cookieSet(const char *name);
Expectation simple(ExpectationKind kind);
void expectAll(SandboxScenario &s, const QList<Expectation> &list);
SandboxScenario scenario(const char *id, const char *title, const char *description);
void setFormPost(SandboxScenario &s, const char *body);

}  // namespace Rwb::ScenarioBuilders
