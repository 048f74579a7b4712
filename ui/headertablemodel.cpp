#include "headertablemodel.h"
