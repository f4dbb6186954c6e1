global using Cake.Core.Diagnostics;
