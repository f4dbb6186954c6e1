variable "function_name" {
  description = "Name of the processor function whose metrics are watched (the FunctionName dimension of AWS/Lambda and of the processor's own DataPlatform/Processor metrics)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be a Lambda function name: 1 to 64 letters, digits, hyphens and underscores."
  }
}

variable "alarm_actions" {
  description = "ARNs (the environment's alarm topic first) notified when an alarm fires and when it recovers. At least one: an alarm that notifies nobody is a defect."
  type        = list(string)

  validation {
    condition     = length(var.alarm_actions) > 0
    error_message = "alarm_actions must name at least one ARN (the environment's alarm topic): an alarm without an action changes state and tells nobody."
  }
}

variable "period_seconds" {
  description = "Length of the window each alarm sums over, in seconds: 60 or a multiple of 60, up to 86400. Null means the default, 300."
  type        = number
  default     = 300
  nullable    = false

  validation {
    condition     = var.period_seconds >= 60 && var.period_seconds <= 86400 && var.period_seconds % 60 == 0
    error_message = "period_seconds must be a multiple of 60 from 60 to 86400."
  }
}

variable "quarantined_events_threshold" {
  description = "Alarm when more events than this are quarantined in one period. 0 (the default) alarms on any: quarantined input is not in the analysts' data until someone looks. An integer of at least 0. Null means the default, 0."
  type        = number
  default     = 0
  nullable    = false

  validation {
    condition     = var.quarantined_events_threshold >= 0 && floor(var.quarantined_events_threshold) == var.quarantined_events_threshold
    error_message = "quarantined_events_threshold must be an integer of at least 0."
  }
}

variable "function_errors_threshold" {
  description = "Alarm when more invocations than this fail in one period. 0 (the default) alarms on any: the processor reports the messages it could not write instead of failing, so a failed invocation is a crash or a timeout. An integer of at least 0. Null means the default, 0."
  type        = number
  default     = 0
  nullable    = false

  validation {
    condition     = var.function_errors_threshold >= 0 && floor(var.function_errors_threshold) == var.function_errors_threshold
    error_message = "function_errors_threshold must be an integer of at least 0."
  }
}

variable "function_throttles_threshold" {
  description = "Alarm when the function is throttled more times than this in one period. 0 (the default) alarms on any: the mapping's maximum concurrency is held below the reserved concurrency, so a throttle means that contract broke. An integer of at least 0. Null means the default, 0."
  type        = number
  default     = 0
  nullable    = false

  validation {
    condition     = var.function_throttles_threshold >= 0 && floor(var.function_throttles_threshold) == var.function_throttles_threshold
    error_message = "function_throttles_threshold must be an integer of at least 0."
  }
}

variable "tags" {
  description = "Tags added to every alarm, on top of the provider's default tags."
  type        = map(string)
  default     = {}
}
