#include "widgets/requestmethodbox.h"

#include <QComboBox>

namespace Rwb {

QComboBox *newRequestMethodBox(QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setEditable(true);
    box->setInsertPolicy(QComboBox::NoInsert);
    box->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                   QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                   QStringLiteral("OPTIONS")});
    return box;
}

}  // namespace Rwb
