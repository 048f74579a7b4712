#include "timelinedelegate.h"
