// curl's --write-out (-w) for a trace: the text with each %{variable} replaced by the trace's figure, as
// curl 7.88 names and prints them (times in seconds with six decimals). The times add up each hop's, as
// curl's do over redirects (measured: `curl -L -w %{time_starttransfer}` over a 3-hop chain whose server
// waits 0.1, 0.2 and 0.3 s prints 0.605); see timeFigures().
#pragma once

#include "core/http/trace.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace Rwb {

// The variables writeOut() knows.
QStringList writeOutVariables();

// The text `format` with %{name} replaced, "%%" as "%", and \n, \r, \t as curl reads them. Nothing, with
// the unknown variable named in `error`, when `format` names one this version does not know.
std::optional<QByteArray> writeOut(const QString &format, const Trace &trace, QString *error);

}  // namespace Rwb
