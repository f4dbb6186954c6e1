output "deploy_policy_json" {
  description = "The deploy identity's policy (JSON): create, read, change and delete everything the registry, storage, iam and compute stacks make, their state, the image push and rollback tags, Verify's canary send and lake read."
  value       = jsonencode({ Version = "2012-10-17", Statement = local.deploy_statements })
}

output "plan_policy_json" {
  description = "The plan identity's policy (JSON): read the stacks' state and every resource the provider refreshes; no create, put, delete, image push or state write (PR plans run with -lock=false)."
  value       = jsonencode({ Version = "2012-10-17", Statement = local.plan_statements })
}

output "deploy_actions" {
  description = "Every action the deploy policy allows, sorted (for documentation and tests)."
  value       = sort(distinct(flatten([for s in local.deploy_statements : s.Action if s.Effect == "Allow"])))
}

output "plan_actions" {
  description = "Every action the plan policy allows, sorted (for documentation and tests)."
  value       = sort(distinct(flatten([for s in local.plan_statements : s.Action if s.Effect == "Allow"])))
}
