#include "urledit.h"
