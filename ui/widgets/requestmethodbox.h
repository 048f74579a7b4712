#pragma once

class QComboBox;
class QWidget;

namespace Rwb {

// The method field of the request editor and of the step editor: an editable combo box offering the
// common methods; any other method can be typed, and is not added to the list.
QComboBox *newRequestMethodBox(QWidget *parent);

}  // namespace Rwb
